#!/usr/bin/env bash
# libFuzzer on Vigie's parsers (fuzz/README.md): builds build-fuzz/ with
# clang-14 and -DVIGIE_FUZZ=ON, then runs each target for SECONDS (default
# 600), one after the other, over its corpus tests/fuzz/<target>/. New inputs
# are collected in build-fuzz/corpus/<target>/; after the run both are merged
# (-merge=1) back into tests/fuzz/<target>/, so the committed corpus holds
# only inputs that add coverage. Crashes are saved in build-fuzz/artifacts/
# and make the script fail; logs are in build-fuzz/logs/.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]   # default: every target
#   bash scripts/fuzz.sh 0 [TARGET...]           # only minimize the corpora
#   bash scripts/fuzz.sh replay [TARGET...]      # only run each committed corpus
#                                                # once (CI: scripts/test.sh), a
#                                                # few minutes at most
#
# JOBS=N limits the parallel build jobs (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

seconds=${1:-600}
shift || true
targets=("$@")
all_targets=(fuzz_analyzer fuzz_query fuzz_text_cleaner fuzz_dates
             fuzz_markdown fuzz_front_matter fuzz_html fuzz_pdf fuzz_jsonl)
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# The report readers take inputs well over the old 4 KB cap (issue 15: the
# hostile files were 30 KB lines and 780 KB trees).
max_len_of() {
  case $1 in
    fuzz_markdown|fuzz_front_matter|fuzz_html|fuzz_pdf|fuzz_jsonl) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

ensure_packages "${VIGIE_PACKAGES[@]}" clang-14 libclang-rt-14-dev

cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_ASM_COMPILER=clang-14 -DVIGIE_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j"$(build_jobs)" --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build-fuzz/logs build-fuzz/artifacts
status=0

# Replay: every committed input once, under the sanitizers; a crash, a
# report or an input over 30 s fails. Bounded: 120 s per target.
if [ "$seconds" = replay ]; then
  for t in "${targets[@]}"; do
    n=$(find tests/fuzz/"$t" -type f 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] || { echo "!! $t: no corpus in tests/fuzz/$t"; status=1; continue; }
    start=$(date +%s)
    if find tests/fuzz/"$t" -type f -print0 |
        xargs -0 timeout 120 build-fuzz/fuzz/"$t" -timeout=30 -rss_limit_mb=4096 \
          >build-fuzz/logs/"$t".replay.log 2>&1; then
      echo "== $t: $n inputs replayed in $(( $(date +%s) - start )) s"
    else
      echo "!! $t failed on its corpus: see build-fuzz/logs/$t.replay.log"
      tail -n 20 build-fuzz/logs/"$t".replay.log
      status=1
    fi
  done
  exit $status
fi

max_files=200
for t in "${targets[@]}"; do
  seeds=tests/fuzz/$t
  work=build-fuzz/corpus/$t
  bin=build-fuzz/fuzz/$t
  mkdir -p "$seeds" "$work"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  max_len=$(max_len_of "$t")
  if [ "$seconds" -gt 0 ]; then
    echo "== $t: ${seconds}s over $seeds"
    if ! "$bin" "$work" "$seeds" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/"$t"- \
        >build-fuzz/logs/"$t".log 2>&1; then
      echo "!! $t failed: see build-fuzz/logs/$t.log and build-fuzz/artifacts/"
      status=1
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec)' \
      build-fuzz/logs/"$t".log || tail -n 5 build-fuzz/logs/"$t".log
  fi
  # Minimize into tests/fuzz/<target>/: -merge=1 keeps the inputs that add
  # coverage features (edges and hit counts). When that is still more than
  # $max_files files, keep instead the smallest set that covers every edge
  # reached (-set_cover_merge=1 -use_counters=0). Inputs stay <= max_len.
  merged=build-fuzz/merged/$t
  rm -rf "$merged" && mkdir -p "$merged"
  ok=true
  "$bin" -merge=1 -max_len="$max_len" -timeout=10 "$merged" "$seeds" "$work" \
    >build-fuzz/logs/"$t".merge.log 2>&1 || ok=false
  if $ok && [ "$(ls "$merged" | wc -l)" -gt "$max_files" ]; then
    rm -rf "$merged" && mkdir -p "$merged"
    "$bin" -set_cover_merge=1 -use_counters=0 -max_len="$max_len" -timeout=10 "$merged" "$seeds" "$work" \
      >>build-fuzz/logs/"$t".merge.log 2>&1 || ok=false
  fi
  if $ok && [ -n "$(ls -A "$merged")" ]; then
    rm -f "$seeds"/* && cp "$merged"/* "$seeds"/
    echo "   corpus: $(ls "$seeds" | wc -l) files, $(cat "$seeds"/* | wc -c) bytes in $seeds"
  else
    echo "!! $t: merge failed, $seeds left as it was (build-fuzz/logs/$t.merge.log)"
    status=1
  fi
done
exit $status
