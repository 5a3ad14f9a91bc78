#!/usr/bin/env bash
# Load benchmark of `vigie serve` (not a test): 8 connections for 20 s of mixed
# queries on loopback with wrk, then the same while `vigie index --rebuild`
# runs in a loop. Prints requests/s, p50/p99 latency and errors.
# Usage: bash bench/load.sh [REPORTS_DIR]   (default: seeds/)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk; }
reports=${1:-seeds}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
build/vigie index --db "$tmp/db" --quiet "$reports" >/dev/null
build/vigie serve --db "$tmp/db" --port 0 >"$tmp/serve.log" 2>&1 &
for _ in $(seq 50); do grep -q listening "$tmp/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.log")
echo "== $url, index of $(build/vigie stats --db "$tmp/db" --json | grep -o '"reports": [0-9]*')"
echo "== steady: 8 connections, 20 s"
wrk -t 2 -c 8 -d 20s --latency -s bench/load.lua "$url" | grep -E "^(requests|Non-2xx)"
echo "== while 'vigie index --rebuild' runs in a loop"
touch "$tmp/rebuilding"
( n=0; while [ -e "$tmp/rebuilding" ]; do
    build/vigie index --db "$tmp/db" --quiet --rebuild "$reports" >/dev/null; n=$((n + 1)); done
  echo "rebuilds completed during the run: $n" ) &
rebuilds=$!
wrk -t 2 -c 8 -d 20s --latency -s bench/load.lua "$url" | grep -E "^(requests|Non-2xx)"
rm "$tmp/rebuilding"
wait $rebuilds
