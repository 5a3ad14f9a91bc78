#!/usr/bin/env python3
"""Prints the markdown tables of a bench/run.sh run from the JSON it left in WORK.

  python3 bench/report.py WORK --corpus NAME --engines vigie,omindex,... [--reps R]

Ratios are Vigie / peer: below 1, Vigie is faster (or smaller); above 1, slower.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import statistics

LABEL = {"vigie": "Vigie", "omindex": "omindex (Omega)", "xapian_stock": "Xapian stock (python)",
         "fts5": "SQLite FTS5", "sphinx": "Sphinx 2.2.11", "recoll": "Recoll", "lucene4": "Lucene 4.10"}


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.startswith("{")]


def read_time(path):
    with open(path) as f:
        w, u, s, m = f.read().strip().splitlines()[-1].split()
    return {"wall_s": float(w), "cpu_s": float(u) + float(s), "peak_rss_mb": int(m) / 1024}


def pct(values, p):
    v = sorted(values)
    if not v:
        return None
    k = max(0, min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1))
    return v[k]


def fmt(x, digits=None):
    if x is None:
        return "—"
    if digits is None:
        digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2 if abs(x) >= 1 else 3
    return f"{x:,.{digits}f}"


def ratio(v, p):
    if v is None or p is None or p == 0:
        return ""
    return f" [{v / p:.2f}]"


def query_class(qfile, qid):
    return "fixed 22" if qfile.endswith(".json") else qid.split("-")[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--engines", required=True)
    ap.add_argument("--reps", default="?")
    ap.add_argument("--json", help="also write the headline figures here (read by bench/scaling.py)")
    a = ap.parse_args()
    w = a.work
    engines = a.engines.split(",")
    with open(os.path.join(w, "corpus.json")) as f:
        corpus = json.load(f)
    text_mb = corpus["text_bytes"] / 1e6

    # ---- indexing
    idx = {}
    for e in engines:
        if e == "vigie":
            if not os.path.exists(os.path.join(w, "vigie", "index.time")):
                continue
            r = read_time(os.path.join(w, "vigie", "index.time"))
            with open(os.path.join(w, "vigie", "stats.json")) as f:
                st = json.load(f)
            r.update(index_bytes=st["bytes_on_disk"], docs=st["reports"], prep_s=0.0)
            idx[e] = r
            idx["vigie_noop"] = dict(read_time(os.path.join(w, "vigie", "noop.time")), docs=st["reports"])
        else:
            p = os.path.join(w, f"{e}.index.json")
            if os.path.exists(p):
                with open(p) as f:
                    idx[e] = json.load(f)
    v = idx.get("vigie")
    out = []
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.append(f"## Corpus `{a.corpus}`: {corpus['docs']:,} reports, {text_mb:,.1f} MB of text "
               f"(title + heading + body, UTF-8)\n")
    out.append(f"Run {now} on {platform.node()} ({os.cpu_count()} cores, {platform.machine()}), "
               f"{a.reps} timed repetitions per query after a warm-up. `[x]` = Vigie / peer "
               f"(below 1: Vigie faster or smaller).\n")
    out.append("### Indexing\n")
    out.append("| engine | wall s | CPU s | reports/s | MB/s | peak RSS MB | index MB | index / text | prep s |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [e for e in engines if e in idx]
    if "vigie_noop" in idx:
        rows.insert(rows.index("vigie") + 1, "vigie_noop")
    for e in rows:
        r = idx[e]
        peer = e not in ("vigie", "vigie_noop")
        rv = (lambda key: ratio(v[key], r[key])) if (peer and v) else (lambda key: "")
        docs = r.get("docs") or corpus["docs"]
        rps = docs / r["wall_s"] if r["wall_s"] else None
        mbs = text_mb / r["wall_s"] if r["wall_s"] else None
        vrps = v and v["docs"] / v["wall_s"]
        if e == "vigie_noop":
            out.append(f"| Vigie, no-op re-run | {fmt(r['wall_s'])} | {fmt(r['cpu_s'])} | — | — | "
                       f"{fmt(r['peak_rss_mb'])} | — | — | — |")
            continue
        size = r["index_bytes"] / 1e6
        out.append(
            f"| {LABEL[e]} | {fmt(r['wall_s'])}{rv('wall_s')} | {fmt(r['cpu_s'])}{rv('cpu_s')} | "
            f"{fmt(rps)}{ratio(vrps, rps) if peer and v else ''} | {fmt(mbs)} | "
            f"{fmt(r['peak_rss_mb'])}{rv('peak_rss_mb')} | {fmt(size)}{rv('index_bytes')} | "
            f"{r['index_bytes'] / corpus['text_bytes']:.2f}× | {fmt(r.get('prep_s', 0))} |")
    out.append("")

    # ---- queries
    names = [os.path.basename(p).split(".search.", 1)[1] for p in glob.glob(os.path.join(w, "*.search.*.jsonl"))]
    names += [os.path.basename(p)[len("search."):] for p in glob.glob(os.path.join(w, "vigie", "search.*.jsonl"))]
    qfiles = sorted({n[:-len(".jsonl")] for n in names}, key=lambda s: (not s.endswith(".json"), s))
    runs = {}  # (engine, qfile) -> {qid: row}
    for e in engines:
        for qf in qfiles:
            if e == "vigie":
                runs[("vigie", qf)] = {r["qid"]: r for r in load_jsonl(os.path.join(w, "vigie", f"search.{qf}.jsonl"))}
                runs[("vigie_http", qf)] = {r["qid"]: r for r in load_jsonl(os.path.join(w, "vigie", f"http.{qf}.jsonl"))}
            else:
                runs[(e, qf)] = {r["qid"]: r for r in load_jsonl(os.path.join(w, f"{e}.search.{qf}.jsonl"))}

    def classes():
        seen = []
        for qf in qfiles:
            for qid in runs.get(("vigie", qf), {}) or next((r for (e, f), r in runs.items() if f == qf and r), {}):
                c = query_class(qf, qid)
                if (qf, c) not in seen:
                    seen.append((qf, c))
        return seen

    def pooled(engine, qf, cls, qids=None):
        rows = runs.get((engine, qf), {})
        t = []
        for qid, r in rows.items():
            if query_class(qf, qid) == cls and (qids is None or qid in qids):
                t += r["times_ms"]
        return t

    def sum_medians(engine, qf, qids):
        rows = runs.get((engine, qf), {})
        if not rows or any(q not in rows for q in qids):
            return None
        return sum(statistics.median(rows[q]["times_ms"]) for q in qids)

    if "vigie" in engines:
        out.append("### Vigie query latency per class (ms)\n")
        out.append("In-process: `build/query_latency` (Searcher::search: parse, top 10, exact total, facets, "
                   "snippets, suggestion). HTTP: `vigie serve`, one keep-alive connection, `/api/search`.\n")
        out.append("| class | queries | in-process p50 | p95 | p99 | HTTP p50 | p95 | p99 |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for qf, c in classes():
            n = sum(1 for q in runs.get(("vigie", qf), {}) if query_class(qf, q) == c)
            t, h = pooled("vigie", qf, c), pooled("vigie_http", qf, c)
            out.append(f"| {c} | {n} | {fmt(pct(t, 50))} | {fmt(pct(t, 95))} | {fmt(pct(t, 99))} | "
                       f"{fmt(pct(h, 50))} | {fmt(pct(h, 95))} | {fmt(pct(h, 99))} |")
        out.append("")

    peers = [e for e in engines if e != "vigie"]
    summary = {"corpus": a.corpus, "docs": corpus["docs"], "text_bytes": corpus["text_bytes"],
               "index": {e: idx[e] for e in idx}, "sum_medians_ms": {}}
    if peers:
        out.append("### Query latency against the peers (ms, p50 of the class's pooled times; "
                   "Σ = sum of the per-query medians)\n")
        out.append("Only the queries every engine can run (Vigie's entity filters and match-all are Vigie-only).\n")
        out.append("| class | " + " | ".join(LABEL[e] for e in engines) + " |")
        out.append("|---|" + "---:|" * len(engines))
        for qf in qfiles:
            common = None
            for e in peers:
                ids = set(runs.get((e, qf), {}))
                if ids:
                    common = ids if common is None else common & ids
            if not common:
                continue
            qids = sorted(common)
            label = "Σ fixed 22" if qf.endswith(".json") else "Σ news"
            vs = sum_medians("vigie", qf, qids)
            summary["sum_medians_ms"][label] = {e: sum_medians(e, qf, qids) for e in engines}
            cells = [fmt(vs)] if "vigie" in engines else []
            cells += [fmt(sum_medians(e, qf, qids)) + ratio(vs, sum_medians(e, qf, qids)) for e in peers]
            out.append(f"| **{label}** ({len(qids)} queries) | " + " | ".join(cells) + " |")
            for fq, c in classes():
                if fq != qf or qf.endswith(".json"):
                    continue
                cq = {q for q in qids if query_class(qf, q) == c}
                if not cq:
                    continue
                vp = pct(pooled("vigie", qf, c, cq), 50)
                cells = [fmt(vp)] if "vigie" in engines else []
                cells += [fmt(pct(pooled(e, qf, c, cq), 50)) + ratio(vp, pct(pooled(e, qf, c, cq), 50))
                          for e in peers]
                out.append(f"| {c} ({len(cq)}) | " + " | ".join(cells) + " |")
        out.append("")

        for qf in qfiles:
            out.append(f"### Per query, `{qf}`: median ms (matches as the engine counts them)\n")
            out.append("| qid | query | " + " | ".join(LABEL[e] for e in engines) + " |")
            out.append("|---|---|" + "---:|" * len(engines))
            first = runs.get(("vigie", qf)) or next((runs[(e, qf)] for e in peers if runs.get((e, qf))), {})
            for qid, r0 in first.items():
                cells = []
                for e in engines:
                    r = runs.get((e, qf), {}).get(qid)
                    if not r:
                        cells.append("—")
                    elif r.get("error"):
                        cells.append("error")
                    else:
                        cells.append(f"{fmt(statistics.median(r['times_ms']))} ({r['total']:,})")
                q = (r0.get("query") or "").replace("|", "\\|")
                if r0.get("filters"):
                    q += " + " + r0["filters"]
                out.append(f"| {qid} | `{q}` | " + " | ".join(cells) + " |")
            out.append("")
    print("\n".join(out))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
