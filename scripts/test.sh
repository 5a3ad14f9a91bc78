#!/usr/bin/env bash
# Set up as scripts/setup.sh does, then run the whole test suite with ctest:
# first the normal build (the browser test included: it needs Debian's
# Chromium and playwright-core from npm; the package test, the packaging
# tools), then the libFuzzer targets' corpora replayed (scripts/fuzz.sh
# replay), then the same tests under AddressSanitizer and UBSan
# (scripts/test-sanitizers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
ensure_packages "${VIGIE_PACKAGING_PACKAGES[@]}"  # before setup.sh: the man page needs help2man at configure time
bash scripts/setup.sh
ensure_packages chromium
command -v npm >/dev/null || ensure_packages nodejs npm
npm ci --prefix tests/browser --no-audit --no-fund --silent
ctest --test-dir build --output-on-failure -j"$(build_jobs)"
# The fuzz targets (clang, build-fuzz/) replayed on their committed corpora:
# every input that once found a bug or new coverage, a few minutes at most.
bash scripts/fuzz.sh replay
bash scripts/test-sanitizers.sh
