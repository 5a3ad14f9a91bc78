#!/usr/bin/env python3
"""Query latency of `vigie serve` over HTTP (a measurement, not a test).

  python3 bench/http_latency.py URL --queries FILE [--k 10] [--reps 20] [--warmup 2]

URL: the server, e.g. http://127.0.0.1:8080. FILE: as build/query_latency reads
it (TSV qid<TAB>query[<TAB>filters] or peer_queries.json). One keep-alive
connection; each query runs --warmup times untimed, then --reps timed times:
GET /api/search?q=&limit=K[&actor=&place=&from=&to=] up to the last byte of the
answer (the JSON is parsed after the clock stops). Prints one JSON line per
query: {qid, query, hits, total, times_ms}.
"""
import argparse
import http.client
import json
import time
import urllib.parse


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return [(q["id"], q["q"], "") for q in json.loads(text)["queries"]]
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 2:
                out.append((cols[0], cols[1], cols[2] if len(cols) > 2 else ""))
    return out


def target(query, filters, k):
    params = [("q", query), ("limit", str(k))]
    for part in filter(None, filters.split(";")):
        key, _, value = part.partition("=")
        params.append((key, value))
    return "/api/search?" + urllib.parse.urlencode(params)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("--queries", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.url)
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)

    def get(path):
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    queries = read_queries(a.queries)
    for _ in range(a.warmup):
        for _, q, f in queries:
            get(target(q, f, a.k))
    for qid, q, f in queries:
        path = target(q, f, a.k)
        times = []
        for _ in range(a.reps):
            t0 = time.perf_counter()
            status, body = get(path)
            times.append(round((time.perf_counter() - t0) * 1000, 4))
        row = {"qid": qid, "query": q}
        if f:
            row["filters"] = f
        doc = json.loads(body)
        if status != 200:
            row.update(hits=[], total=0, error=doc.get("error", str(status)))
        else:
            row.update(hits=[h["id"] for h in doc.get("hits", [])], total=doc.get("total", 0))
        row["times_ms"] = times
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
