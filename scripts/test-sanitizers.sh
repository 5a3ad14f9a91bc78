#!/usr/bin/env bash
# The test suite under AddressSanitizer (leaks included) and UBSan: builds
# build-asan/ with -DVIGIE_SANITIZE=ON and runs its ctest. Any report fails
# the test that triggered it. JOBS=N limits the parallel build jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

ensure_packages "${VIGIE_PACKAGES[@]}"

# Debug at -O1: -O0 compiles ~2 min faster at -j1 but runs the tests slower
# (the quality tests on ../shared 4x). Line tables only (-g1): the reports'
# stacks keep their files and lines, and the build takes less time than
# with full debug information (-O2 -g compiled a test file in 13.5 s of CPU,
# -O2 alone in 9.9 s).
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" -DVIGIE_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(build_jobs)"
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Left to the normal pass, where they run in seconds: the quality tests
# (entity, stop-word and relevance numbers over thousands of articles of
# ../shared) and the kill test (twenty full indexing runs of 600 reports);
# under the sanitizers they took 5, 1.4, 0.7 and 8 minutes, and the code
# paths they cover are exercised here by the other tests.
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" \
  -E '^(EntityQuality|StopWordCorpus|RelevanceQuality|Crash\.KilledWriter)'

