#!/usr/bin/env bash
# The relevance benchmarks (bench/README.md, "Relevance"): builds Vigie, installs
# the peer engines (bench/peers/install.sh, when present) and prints the table.
#   bash bench/relevance/run.sh [run.py options]   e.g. --benchmarks piaf,spf --splits test
# Work files (feeds, indexes) go to $VIGIE_BENCH_WORK (default /tmp/vigie-relevance);
# the OrangeSum index takes several minutes the first time and is reused after.
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS="${JOBS:-2}"
if [ ! -d ../shared/corpora ]; then
  echo "bench/relevance needs ../shared/corpora (absent)" >&2
  exit 1
fi
[ -d build ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS" --target vigie relevance_search >/dev/null
if [ -f bench/peers/install.sh ]; then
  bash bench/peers/install.sh >&2
fi
exec python3 bench/relevance/run.py "$@"
