#!/usr/bin/env bash
# Set up as scripts/setup.sh does, then run the whole test suite with ctest:
# first the normal build, then the same tests under AddressSanitizer and
# UBSan (scripts/test-sanitizers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
bash scripts/test-sanitizers.sh
