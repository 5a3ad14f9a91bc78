#!/usr/bin/env bash
# How fast the command line starts (issue 14): the median of 10 wall times,
# from /usr/bin/time, of `vigie search` and `vigie analyze` on an index of
# seeds/, and of peers in the same run (/bin/true, Xapian's own quest and
# xapian-delve on the same database) so that a noisy machine can be read
# through the ratios. Target: vigie search <= 50 ms.
#
#   bash bench/cli_startup.sh [VIGIE] [OTHER_VIGIE]
#
# VIGIE defaults to build/vigie; OTHER_VIGIE (say, a build of an older
# commit) is timed in the same rounds. The index is built by VIGIE into a
# temporary folder. Runs are interleaved round by round, so that load
# changes hit every command alike.
set -euo pipefail
cd "$(dirname "$0")/.."
vigie=$(realpath "${1:-build/vigie}")
other=${2:+$(realpath "$2")}
runs=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$vigie" index --quiet --db "$work/idx" seeds >/dev/null
gen="$work/idx/$(awk '{print $2}' "$work/idx/current")"

names=() cmds=()
add() { names+=("$1"); cmds+=("$2"); }
add "/bin/true" "/bin/true"
add "quest (Xapian) armée" "quest -d $gen armée"
add "xapian-delve (stats)" "xapian-delve $gen"
add "vigie --version" "$vigie --version"
add "vigie search armée" "$vigie search --db $work/idx armée"
add "vigie search actor:wagner" "$vigie search --db $work/idx actor:wagner"
add "vigie analyze" "$vigie analyze \"L'armée malienne et Wagner à Mopti\""
if [[ -n "$other" ]]; then
    add "other search armée" "$other search --db $work/idx armée"
    add "other analyze" "$other analyze \"L'armée malienne et Wagner à Mopti\""
fi

for c in "${cmds[@]}"; do eval "$c" >/dev/null 2>&1 || true; done  # warm the page cache
for ((r = 0; r < runs; r++)); do
    for i in "${!cmds[@]}"; do
        start=$(date +%s%N)
        eval "/usr/bin/time -f '%e %U %S %M' -o $work/t ${cmds[$i]}" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        # /usr/bin/time's wall clock counts centiseconds: the wall time is
        # also taken around it in ns (it adds time's own fork and exec).
        echo "$(((end - start) / 1000)) $(cat "$work/t")" >> "$work/times.$i"
    done
done
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
quest_ms=$(cut -d' ' -f1 "$work/times.1" | median | awk '{printf "%.1f", $1 / 1000}')
printf "| command | median wall ms | median wall ms (/usr/bin/time, 10 ms steps) | median CPU ms (user+sys) | peak RSS MB | / quest |\n|---|---|---|---|---|---|\n"
for i in "${!cmds[@]}"; do
    wall=$(cut -d' ' -f1 "$work/times.$i" | median | awk '{printf "%.1f", $1 / 1000}')
    twall=$(cut -d' ' -f2 "$work/times.$i" | median | awk '{print $1 * 1000}')
    cpu=$(awk '{print $3 + $4}' "$work/times.$i" | median | awk '{print $1 * 1000}')
    rss=$(cut -d' ' -f5 "$work/times.$i" | median | awk '{printf "%.1f", $1 / 1024}')
    ratio=$(awk -v a="$wall" -v b="$quest_ms" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a / b}')
    printf "| %s | %s | %s | %s | %s | %s |\n" "${names[$i]}" "$wall" "$twall" "$cpu" "$rss" "$ratio"
done
echo
echo "($runs rounds; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
