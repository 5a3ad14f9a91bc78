#!/usr/bin/python3
"""Peer engines of the Vigie benchmark, each indexed and queried the same way.

  peer.py ENGINE index CORPUS.jsonl[.gz] WORKDIR
      Prints one JSON object {engine, wall_s, cpu_s, peak_rss_mb, index_bytes, docs, prep_s}.
  peer.py ENGINE search WORKDIR --queries FILE [--k 10] [--reps R] [--mode native|or]
      Prints one JSON line per query {qid, hits, total, times_ms}.

ENGINE: omindex, xapian_stock, fts5, sphinx, recoll, lucene4. The packages come
from Debian through bench/peers/install.sh (never from the test suite).

The corpus is JSONL: id, title, body (optional heading, date). Preparation that
only exists because a peer cannot read JSONL (HTML files for omindex and Recoll,
a TSV for Sphinx and Lucene, javac) is timed apart as prep_s and is not in
wall_s. wall_s / cpu_s / peak_rss_mb are those of the indexing processes, read
with /usr/bin/time (cpu = user + system; peak RSS = the largest of the steps).
index_bytes is the sum of the file sizes of what the engine needs to answer
queries (after xapian-compact for omindex).

Query times are taken inside the engine's process, warm (one warm-up pass over
all queries first), around: parsing the query, the top-k ranked ids and the
total number of matches as the engine reports it. In-process: Xapian (omindex's
database and stock Xapian) through python3-xapian, FTS5 through python's
sqlite3, Recoll through its python3 module, Lucene inside its JVM
(Lucene4Peer.java). Sphinx is a server: the time is the SphinxQL round trip on
loopback (SELECT top-k + SHOW META), which includes the MySQL protocol cost.
Totals: Xapian and Recoll report an estimate (get_matches_estimated), the others
an exact count.

--mode or: the query's words (letters and digits) are OR-ed, each engine ranking
by its own scoring (Xapian BM25, FTS5 bm25(), Lucene's default similarity,
Sphinx proximity_bm25, Recoll's Xapian BM25).
"""
import argparse
import gzip
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time

ENGINES = ("omindex", "xapian_stock", "fts5", "sphinx", "recoll", "lucene4")
HERE = os.path.dirname(os.path.abspath(__file__))
LUCENE_JARS = ["/usr/share/java/lucene-core-4.10.4.jar",
               "/usr/share/java/lucene-analyzers-common-4.10.4.jar",
               "/usr/share/java/lucene-queryparser-4.10.4.jar"]
WORD = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------- helpers

def read_corpus(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            yield {"id": str(d["id"]), "title": d.get("title") or "",
                   "heading": d.get("heading") or "", "body": d.get("body") or "",
                   "date": d.get("date") or ""}


def dir_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def timed(cmd, log, env=None):
    """Runs cmd under /usr/bin/time; returns (wall_s, cpu_s, maxrss_kb)."""
    tfile = log + ".time"
    with open(log, "ab") as out:
        rc = subprocess.call(["/usr/bin/time", "-o", tfile, "-f", "%e %U %S %M"] + cmd,
                             stdout=out, stderr=subprocess.STDOUT, env=env)
    with open(tfile) as f:
        last = f.read().strip().splitlines()[-1].split()
    if rc != 0:
        sys.exit(f"peer.py: {' '.join(cmd)} failed (exit {rc}), see {log}")
    return float(last[0]), float(last[1]) + float(last[2]), int(last[3])


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def tsv_field(s):
    return s.replace("\\", "\\\\").replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_html_files(corpus, root):
    """One HTML file per report (omindex and Recoll index files); returns the count."""
    n = 0
    for d in read_corpus(corpus):
        sub = os.path.join(root, f"{n // 1000:04d}")
        if n % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", d["id"])
        paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in d["body"].split("\n\n") if p.strip())
        head = f"<p>{html.escape(d['heading'])}</p>\n" if d["heading"] else ""
        with open(os.path.join(sub, name + ".html"), "w", encoding="utf-8") as f:
            f.write(f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
                    f"<title>{html.escape(d['title'])}</title></head>\n<body>\n{head}{paras}</body></html>\n")
        n += 1
    return n


def write_tsv(corpus, path, ids_path):
    """id<TAB>title<TAB>heading<TAB>body (Lucene) with the ids' order kept in ids_path (Sphinx docids)."""
    n = 0
    with open(path, "w", encoding="utf-8") as out, open(ids_path, "w", encoding="utf-8") as ids:
        for d in read_corpus(corpus):
            out.write("\t".join(tsv_field(d[k]) for k in ("id", "title", "heading", "body")) + "\n")
            ids.write(d["id"] + "\n")
            n += 1
    return n


def id_from_url(url):
    return os.path.basename(url).rsplit(".html", 1)[0]


def read_queries(path):
    """[(qid, query)] from a TSV (qid<TAB>query) or the peer_queries.json format.

    TSV rows with a third column (Vigie's entity filters) or an empty query are
    Vigie-only and skipped."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return [(q["id"], q["q"]) for q in json.loads(text)["queries"]]
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].strip() and not "".join(parts[2:]).strip():
                out.append((parts[0], parts[1]))
    return out


def query_tokens(q):
    """Splits the common syntax into phrases, operators and barewords."""
    return re.findall(r'"[^"]*"|\S+', q)


# ---------------------------------------------------------------- query translation

def translate(engine, q, mode):
    if mode == "or":
        words = WORD.findall(q)
        if engine in ("xapian_stock", "omindex", "recoll"):
            return " OR ".join(w.lower() if w in ("AND", "OR", "NOT", "XOR", "NEAR", "ADJ") else w for w in words)
        if engine == "fts5":
            return " OR ".join(f'"{w}"' for w in words)
        if engine == "lucene4":
            return " ".join(f'"{w}"' for w in words)
        if engine == "sphinx":
            return " | ".join(f'"{w}"' for w in words)
    if engine == "fts5":
        out = []
        for t in query_tokens(q):
            if t.startswith('"') or t in ("AND", "OR", "NOT") or re.fullmatch(r"[^\W_]+\*?", t):
                out.append(t)
            else:
                out.append('"' + t.replace('"', "") + '"')
        return " ".join(out)
    if engine == "sphinx":
        out = []
        for t in query_tokens(q):
            if t == "AND":
                continue
            if t == "OR":
                out.append("|")
            elif t.startswith('"') or re.fullmatch(r"[^\W_]+\*?", t):
                out.append(t)
            else:
                out.append('"' + t.replace('"', "") + '"')
        return " ".join(out)
    return q  # Xapian's QueryParser, Lucene's classic parser and Recoll read the common syntax


def run_queries(queries, k, reps, one):
    """one(query) -> (ids, total). Warm-up pass, then reps timed runs per query."""
    for _, q in queries:
        try:
            one(q)
        except Exception:  # reported in the timed pass
            pass
    for qid, q in queries:
        times, ids, total, error = [], [], 0, None
        for _ in range(reps):
            t0 = time.perf_counter()
            try:
                ids, total = one(q)
            except Exception as e:  # a query an engine refuses is reported, not fatal
                error = f"{type(e).__name__}: {e}"
            times.append(round((time.perf_counter() - t0) * 1000, 4))
        row = {"qid": qid, "query": q, "hits": ids[:k], "total": total, "times_ms": times}
        if error:
            row["error"] = error
        print(json.dumps(row, ensure_ascii=False), flush=True)


# ---------------------------------------------------------------- Xapian (omindex and stock)

def xapian_parser(db, default_or):
    import xapian
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("french"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR if default_or else xapian.Query.OP_AND)
    return qp


def xapian_search(dbpath, queries, k, reps, mode, doc_id):
    import xapian
    db = xapian.Database(dbpath)
    qp = xapian_parser(db, mode == "or")
    flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD)
    enquire = xapian.Enquire(db)  # default weighting: BM25

    def one(q):
        enquire.set_query(qp.parse_query(q, flags))
        mset = enquire.get_mset(0, k)
        return [doc_id(m.document) for m in mset], mset.get_matches_estimated()
    run_queries(queries, k, reps, one)


def xapian_stock_build(corpus, dbpath):
    import xapian
    db = xapian.WritableDatabase(dbpath, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("french"))
    n = 0
    for d in read_corpus(corpus):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(d["title"], 1, "S")
        tg.index_text(d["title"])
        tg.increase_termpos()
        tg.index_text(d["heading"])
        tg.increase_termpos()
        tg.index_text(d["body"])
        doc.set_data(d["id"])
        doc.add_boolean_term("Q" + d["id"])
        db.add_document(doc)
        n += 1
    db.commit()
    db.close()
    print(json.dumps({"docs": n}))


# ---------------------------------------------------------------- SQLite FTS5

def fts5_build(corpus, path):
    import sqlite3
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, heading, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    n = 0
    with con:
        for d in read_corpus(corpus):
            con.execute("INSERT INTO docs(id, title, heading, body) VALUES (?, ?, ?, ?)",
                        (d["id"], d["title"], d["heading"], d["body"]))
            n += 1
    con.execute("INSERT INTO docs(docs) VALUES('optimize')")
    con.commit()
    con.close()
    print(json.dumps({"docs": n}))


def fts5_search(path, queries, k, reps):
    import sqlite3
    con = sqlite3.connect(path)

    def one(q):
        ids = [r[0] for r in con.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (q, k))]
        total = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()[0]
        return ids, total
    run_queries(queries, k, reps, one)


# ---------------------------------------------------------------- Sphinx

# Sphinx 2.2.11 knows no alias for Latin letters: fold French accents and case
# (as a French set-up would), the rest as Sphinx's default table.
SPHINX_FOLD = {"a": "C0-C5 E0-E5", "c": "C7 E7", "e": "C8-CB E8-EB", "i": "CC-CF EC-EF",
               "o": "D2-D6 F2-F6", "u": "D9-DC F9-FC", "y": "DD FD FF 178"}


def _sphinx_charset():
    out = ["0..9", "A..Z->a..z", "_", "a..z", "U+C6->U+E6", "U+E6", "U+152->U+153", "U+153"]
    for base, spans in SPHINX_FOLD.items():
        for span in spans.split():
            lo, _, hi = span.partition("-")
            out += [f"U+{c:X}->{base}" for c in range(int(lo, 16), int(hi or lo, 16) + 1)]
    return ", ".join(out)


SPHINX_CHARSET = _sphinx_charset()


def sphinx_conf(workdir, port):
    w = os.path.abspath(workdir)
    conf = f"""source src {{
  type = tsvpipe
  tsvpipe_command = cut -f 2- {w}/docs.tsv | awk 'BEGIN {{ OFS = "\\t" }} {{ print NR, $0 }}'
  tsvpipe_field = title
  tsvpipe_field = heading
  tsvpipe_field = body
}}
index idx {{
  source = src
  path = {w}/sphinx/idx
  morphology = libstemmer_fr
  charset_table = {SPHINX_CHARSET}
  dict = keywords
  min_prefix_len = 2
}}
indexer {{
  mem_limit = 512M
}}
searchd {{
  listen = 127.0.0.1:{port}:mysql41
  log = {w}/searchd.log
  query_log = {w}/query.log
  pid_file = {w}/searchd.pid
  binlog_path =
}}
"""
    with open(os.path.join(w, "sphinx.conf"), "w") as f:
        f.write(conf)
    return os.path.join(w, "sphinx.conf")


def sphinx_search(workdir, queries, k, reps):
    import pymysql
    with open(os.path.join(workdir, "ids.txt"), encoding="utf-8") as f:
        ids = [""] + f.read().splitlines()
    port = free_port()
    conf = sphinx_conf(workdir, port)
    subprocess.check_call(["searchd", "-c", conf], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                con = pymysql.connect(host="127.0.0.1", port=port, autocommit=True)
                break
            except pymysql.err.OperationalError:
                time.sleep(0.1)
        cur = con.cursor()

        def one(q):
            cur.execute(f"SELECT id FROM idx WHERE MATCH(%s) LIMIT {k} OPTION ranker=proximity_bm25", (q,))
            hits = [ids[r[0]] for r in cur.fetchall()]
            cur.execute("SHOW META")
            meta = dict(cur.fetchall())
            return hits, int(meta.get("total_found", 0))
        run_queries(queries, k, reps, one)
    finally:
        subprocess.call(["searchd", "-c", conf, "--stopwait"], stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------- Recoll

def recoll_conf(workdir):
    w = os.path.abspath(workdir)
    conf = os.path.join(w, "recoll")
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, "recoll.conf"), "w") as f:
        f.write(f"topdirs = {w}/files\ndbdir = {conf}/xapiandb\nindexstemminglanguages = french\n"
                "noaspell = 1\nloglevel = 1\nindexedmimetypes = text/html\n")
    return conf


def recoll_search(workdir, queries, k, reps):
    from recoll import recoll
    db = recoll.connect(confdir=os.path.join(os.path.abspath(workdir), "recoll"))

    def one(q):
        query = db.query()
        n = query.execute(q, stemming=1, stemlang="french")
        docs = query.fetchmany(k) if n else []
        return [id_from_url(d.url) for d in docs], n
    run_queries(queries, k, reps, one)


# ---------------------------------------------------------------- Lucene 4.10

def lucene_classes(workdir):
    classes = os.path.join(workdir, "classes")
    if not os.path.exists(os.path.join(classes, "Lucene4Peer.class")):
        os.makedirs(classes, exist_ok=True)
        subprocess.check_call(["javac", "-nowarn", "-cp", ":".join(LUCENE_JARS), "-d", classes,
                               os.path.join(HERE, "Lucene4Peer.java")])
    return ":".join([classes] + LUCENE_JARS)


def lucene_search(workdir, queries, k, reps, mode):
    cp = lucene_classes(workdir)
    qfile = os.path.join(workdir, "queries.tsv")
    with open(qfile, "w", encoding="utf-8") as f:
        for qid, q in queries:
            f.write(f"{qid}\t{q}\n")
    sys.stdout.flush()
    subprocess.check_call(["java", "-Xmx2g", "-cp", cp, "Lucene4Peer", "search",
                           os.path.join(workdir, "lucene"), qfile, str(k), str(reps), mode])


# ---------------------------------------------------------------- commands

def index(engine, corpus, workdir):
    corpus = os.path.abspath(corpus)
    if os.path.exists(workdir):
        shutil.rmtree(workdir)
    os.makedirs(workdir)
    log = os.path.join(workdir, "index.log")
    t0 = time.perf_counter()
    steps = []  # (cmd, env)
    me = [sys.executable, os.path.abspath(__file__), engine]
    if engine in ("omindex", "recoll"):
        docs = write_html_files(corpus, os.path.join(workdir, "files"))
    elif engine in ("sphinx", "lucene4"):
        docs = write_tsv(corpus, os.path.join(workdir, "docs.tsv"), os.path.join(workdir, "ids.txt"))
    else:
        docs = None
    if engine == "omindex":
        env = dict(os.environ, XAPIAN_FLUSH_THRESHOLD="500")
        steps.append((["omindex", "--db", os.path.join(workdir, "omindex.raw"), "--url", "/",
                       "--stemmer", "french", os.path.join(workdir, "files")], env))
        steps.append((["xapian-compact", os.path.join(workdir, "omindex.raw"),
                       os.path.join(workdir, "omindex.db")], None))
        answer = os.path.join(workdir, "omindex.db")
    elif engine == "xapian_stock":
        steps.append((me + ["_build", corpus, os.path.join(workdir, "xapian.db")], None))
        answer = os.path.join(workdir, "xapian.db")
    elif engine == "fts5":
        steps.append((me + ["_build", corpus, os.path.join(workdir, "fts5.sqlite")], None))
        answer = os.path.join(workdir, "fts5.sqlite")
    elif engine == "sphinx":
        os.makedirs(os.path.join(workdir, "sphinx"))
        steps.append((["indexer", "-c", sphinx_conf(workdir, free_port()), "--all"], None))
        answer = os.path.join(workdir, "sphinx")
    elif engine == "recoll":
        conf = recoll_conf(workdir)
        steps.append((["recollindex", "-c", conf, "-z"], None))
        answer = os.path.join(conf, "xapiandb")
    elif engine == "lucene4":
        cp = lucene_classes(workdir)
        steps.append((["java", "-Xmx2g", "-cp", cp, "Lucene4Peer", "index",
                       os.path.join(workdir, "docs.tsv"), os.path.join(workdir, "lucene")], None))
        answer = os.path.join(workdir, "lucene")
    prep = time.perf_counter() - t0
    wall = cpu = 0.0
    rss = 0
    for cmd, env in steps:
        w, c, r = timed(cmd, log, env)
        wall, cpu, rss = wall + w, cpu + c, max(rss, r)
    if engine in ("xapian_stock", "fts5"):
        with open(log, encoding="utf-8") as f:
            docs = json.loads([ln for ln in f if ln.startswith("{")][-1])["docs"]
    if engine == "omindex":
        shutil.rmtree(os.path.join(workdir, "omindex.raw"))
    print(json.dumps({"engine": engine, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                      "peak_rss_mb": round(rss / 1024, 1), "index_bytes": dir_bytes(answer),
                      "docs": docs, "prep_s": round(prep, 3)}))


def search(engine, workdir, qfile, k, reps, mode):
    queries = [(qid, translate(engine, q, mode)) for qid, q in read_queries(qfile)]
    if engine == "omindex":
        xapian_search(os.path.join(workdir, "omindex.db"), queries, k, reps, mode,
                      lambda doc: id_from_url(dict(ln.split("=", 1) for ln in doc.get_data().decode()
                                                   .splitlines() if "=" in ln).get("url", "")))
    elif engine == "xapian_stock":
        xapian_search(os.path.join(workdir, "xapian.db"), queries, k, reps, mode,
                      lambda doc: doc.get_data().decode())
    elif engine == "fts5":
        fts5_search(os.path.join(workdir, "fts5.sqlite"), queries, k, reps)
    elif engine == "sphinx":
        sphinx_search(workdir, queries, k, reps)
    elif engine == "recoll":
        recoll_search(workdir, queries, k, reps)
    elif engine == "lucene4":
        lucene_search(workdir, queries, k, reps, mode)


def main():
    if len(sys.argv) >= 3 and sys.argv[2] == "_build":  # the child that indexes in-process
        engine, corpus, out = sys.argv[1], sys.argv[3], sys.argv[4]
        (xapian_stock_build if engine == "xapian_stock" else fts5_build)(corpus, out)
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("engine", choices=ENGINES)
    ap.add_argument("command", choices=("index", "search"))
    ap.add_argument("args", nargs="+", help="index: CORPUS WORKDIR; search: WORKDIR")
    ap.add_argument("--queries")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--mode", choices=("native", "or"), default="native")
    a = ap.parse_args()
    if a.command == "index":
        if len(a.args) != 2:
            ap.error("index takes CORPUS WORKDIR")
        index(a.engine, a.args[0], a.args[1])
    else:
        if len(a.args) != 1 or not a.queries:
            ap.error("search takes WORKDIR --queries FILE")
        search(a.engine, a.args[0], a.queries, a.k, a.reps, a.mode)


if __name__ == "__main__":
    main()
