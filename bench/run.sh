#!/usr/bin/env bash
# The benchmark of issue 6: Vigie against its peers on one corpus, one table.
#
#   bash bench/run.sh [--corpus orangesum|orangesum:N|synthetic:N|FILE.jsonl[.gz]]
#                     [--engines vigie,omindex,xapian_stock,fts5,sphinx,recoll,lucene4]
#                     [--reps R] [--no-http] [--no-install]
#
# Installs the peers (bench/peers/install.sh), builds Vigie if needed, indexes
# the corpus with every engine, runs the query files with each, prints a
# markdown table and writes it to bench/results/<corpus>.md. Work files (the
# generated corpus, the indexes, raw JSON) go to $BENCH_WORK (default
# /tmp/vigie-bench/<corpus>); see bench/README.md for what each figure means.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
corpus=orangesum
engines=vigie,omindex,xapian_stock,fts5,sphinx,recoll,lucene4
reps=20
http=1
install=1
while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --no-http) http=0; shift ;;
    --no-install) install=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done
PY=/usr/bin/python3   # Debian's python: python3-xapian, python3-recoll, pymysql live there
name=$(echo "$corpus" | sed 's/[:\/]/-/g; s/\.jsonl.*$//')
[ -f "$corpus" ] && name=$(basename "$corpus" | sed 's/\.jsonl.*$//')
WORK=${BENCH_WORK:-/tmp/vigie-bench}/$name
mkdir -p "$WORK" bench/results
log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

[ $install = 1 ] && bash bench/peers/install.sh >&2
if [ ! -x build/vigie ] || [ ! -x build/query_latency ]; then
  log "building Vigie"
  source scripts/packages.sh
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  cmake --build build -j "$(build_jobs)" --target vigie query_latency >&2
fi

# ---- the corpus
os_gz=$SHARED/corpora/orangesum/orangesum.jsonl.gz
case $corpus in
  orangesum) file=$os_gz ;;
  orangesum:*) file=$WORK/corpus.jsonl
               [ -s "$file" ] || zcat "$os_gz" | head -n "${corpus#orangesum:}" > "$file" ;;
  synthetic:*) file=$WORK/corpus.jsonl
               src=$os_gz; [ -f "$src" ] || src=$ROOT/seeds   # real sentences when ../shared is there
               [ -s "$file" ] || $PY bench/gen_reports.py "${corpus#synthetic:}" --source "$src" --out "$file.tmp"
               [ -s "$file" ] || mv "$file.tmp" "$file" ;;
  *) file=$(realpath "$corpus") ;;
esac
[ -s "$file" ] || { echo "run.sh: no corpus at $file" >&2; exit 1; }
$PY - "$file" > "$WORK/corpus.json" <<'EOF'
import gzip, json, sys
p = sys.argv[1]
n = b = 0
with (gzip.open if p.endswith(".gz") else open)(p, "rt", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            d = json.loads(line)
            n += 1
            b += sum(len((d.get(k) or "").encode()) for k in ("title", "heading", "body"))
print(json.dumps({"file": p, "docs": n, "text_bytes": b}))
EOF
log "corpus $(cat "$WORK/corpus.json")"

# ---- the query files: the 22 fixed peer queries and our news queries
queries=("$SHARED/bench/peer_queries.json" "$ROOT/bench/queries/news.tsv")
[ -f "${queries[0]}" ] || queries=("$ROOT/bench/queries/news.tsv")

timed() {  # timed OUT.time CMD...: wall, user+sys, max RSS of CMD
  local out=$1; shift
  /usr/bin/time -o "$out" -f "%e %U %S %M" "$@"
}

IFS=, read -ra want <<< "$engines"
for engine in "${want[@]}"; do
  case $engine in
  vigie)
    log "vigie: index"
    rm -rf "$WORK/vigie"; mkdir -p "$WORK/vigie"
    # exit status 2: some feed lines could not be read (listed in the log), the others are indexed
    # --max-size: a feed of 1M reports is GBs, over the default 50 MB limit for one file
    # --compact: the index as it is searched, like omindex followed by xapian-compact
    timed "$WORK/vigie/index.time" build/vigie index --db "$WORK/vigie/db" --quiet --compact --max-size 100000 "$file" \
      > "$WORK/vigie/index.log" 2>&1 || [ $? = 2 ]
    log "vigie: no-op re-run"
    timed "$WORK/vigie/noop.time" build/vigie index --db "$WORK/vigie/db" --quiet --max-size 100000 "$file" \
      > "$WORK/vigie/noop.log" 2>&1 || [ $? = 2 ]
    build/vigie stats --db "$WORK/vigie/db" --json > "$WORK/vigie/stats.json"
    indexed=$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["reports"])' "$WORK/vigie/stats.json")
    if [ "$indexed" = 0 ]; then echo "run.sh: Vigie indexed nothing, see $WORK/vigie/index.log" >&2; exit 1; fi
    [ "$indexed" = "$($PY -c 'import json, sys; print(json.load(open(sys.argv[1]))["docs"])' "$WORK/corpus.json")" ] ||
      log "vigie: $indexed reports indexed, not all the corpus's (see $WORK/vigie/index.log)"
    for q in "${queries[@]}"; do
      log "vigie: queries $(basename "$q") in-process"
      build/query_latency --db "$WORK/vigie/db" --queries "$q" --reps "$reps" > "$WORK/vigie/search.$(basename "$q").jsonl"
    done
    if [ $http = 1 ]; then
      build/vigie serve --db "$WORK/vigie/db" --port 0 > "$WORK/vigie/serve.log" 2>&1 &
      serve_pid=$!
      for _ in $(seq 100); do grep -q listening "$WORK/vigie/serve.log" && break; sleep 0.1; done
      url=$(grep -o 'http://[0-9.:]*' "$WORK/vigie/serve.log")
      for q in "${queries[@]}"; do
        log "vigie: queries $(basename "$q") over HTTP ($url)"
        $PY bench/http_latency.py "$url" --queries "$q" --reps "$reps" > "$WORK/vigie/http.$(basename "$q").jsonl"
      done
      kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
    fi ;;
  omindex|xapian_stock|fts5|sphinx|recoll|lucene4)
    log "$engine: index"
    $PY bench/peers/peer.py "$engine" index "$file" "$WORK/$engine" > "$WORK/$engine.index.json"
    for q in "${queries[@]}"; do
      log "$engine: queries $(basename "$q")"
      $PY bench/peers/peer.py "$engine" search "$WORK/$engine" --queries "$q" --reps "$reps" \
        > "$WORK/$engine.search.$(basename "$q").jsonl"
    done ;;
  *) echo "run.sh: unknown engine $engine" >&2; exit 64 ;;
  esac
done

$PY bench/report.py "$WORK" --corpus "$name" --engines "$engines" --reps "$reps" \
  --json "bench/results/$name.json" | tee "bench/results/$name.md"
log "table written to bench/results/$name.md"
