#!/usr/bin/env python3
"""Cost against size: one table from several bench/run.sh runs.

  python3 bench/scaling.py bench/results/synthetic-10000.json bench/results/orangesum.json ...

For each engine and figure (index wall time, peak RSS, index size, Σ of the
per-query medians of the fixed 22 queries), the value at each corpus size and
the growth exponent b of value ∝ size^b fitted between the smallest and the
largest run (b = 1: linear; below 1: sub-linear). Size is counted in text
bytes, so that corpora with longer or shorter reports compare.
"""
import json
import math
import sys

FIGURES = [("index wall s", lambda s, e: s["index"].get(e, {}).get("wall_s")),
           ("peak RSS MB", lambda s, e: s["index"].get(e, {}).get("peak_rss_mb")),
           ("index MB", lambda s, e: (s["index"].get(e, {}).get("index_bytes") or 0) / 1e6 or None),
           ("Σ fixed 22 ms", lambda s, e: s["sum_medians_ms"].get("Σ fixed 22", {}).get(e))]


def main():
    runs = []
    for p in sys.argv[1:]:
        with open(p) as f:
            runs.append(json.load(f))
    if not runs:
        sys.exit(__doc__)
    runs.sort(key=lambda s: s["text_bytes"])
    engines = []
    for s in runs:
        for e in list(s["index"]) + [e for v in s["sum_medians_ms"].values() for e in v]:
            if e not in engines and e != "vigie_noop":
                engines.append(e)
    head = " | ".join(f"{s['corpus']} ({s['docs']:,} reports, {s['text_bytes'] / 1e6:,.0f} MB)" for s in runs)
    print(f"| engine | figure | {head} | growth b |")
    print("|---|---|" + "---:|" * (len(runs) + 1))
    for e in engines:
        for name, get in FIGURES:
            vals = [get(s, e) for s in runs]
            if not any(v is not None for v in vals):
                continue
            known = [(s["text_bytes"], v) for s, v in zip(runs, vals) if v]
            b = ""
            if len(known) >= 2 and known[-1][0] != known[0][0]:
                b = f"{math.log(known[-1][1] / known[0][1]) / math.log(known[-1][0] / known[0][0]):.2f}"
            cells = " | ".join("—" if v is None else f"{v:,.1f}" if v >= 10 else f"{v:.2f}" for v in vals)
            print(f"| {e} | {name} | {cells} | {b} |")


if __name__ == "__main__":
    main()
