#!/usr/bin/env bash
# Prints what an index holds, document by document (terms with positions,
# values, data), for comparing two builds' indexing of the same reports:
#   diff <(bash bench/index_terms.sh A) <(bash bench/index_terms.sh B)
# Uses xapian-delve (xapian-tools). Unsharded indexes (DIR/current names one database).
set -euo pipefail
db="$1"
gen="$db/$(awk '{print $2}' "$db/current")"
n=$(xapian-delve "$gen" | awk '/number of documents/ {print $NF}')
echo "documents $n"
xapian-delve -a -1 "$gen" | sort
for ((i = 1; i <= n; i++)); do
    echo "== document $i"
    xapian-delve -r "$i" -d -V "$gen" | tail -n +2
    xapian-delve -r "$i" -1 -z "$gen" | tail -n +2 | sort
done
