#!/usr/bin/env bash
# readme_use_matches_help: the README's "Use" block (written for people) and
# the CLI's help (the manual page is made from it) list the same commands
# with the same options, so neither drifts from the other.
#   readme_use_test.sh VIGIE README
set -euo pipefail
vigie=$1 readme=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first ``` block after "## Use": "build/vigie COMMAND ..." lines, and
# indented continuation lines; comments (# ...) dropped.
awk '/^## Use/ { in_use = 1; next }
     in_use && /^```/ { if (block) exit; block = 1; next }
     block { sub(/#.*/, ""); print }' "$readme" >"$tmp/use"
[ -s "$tmp/use" ] || { echo "FAIL: no code block under '## Use' in $readme"; exit 1; }
awk '$1 == "build/vigie" { command = $2 }
     command { for (i = 1; i <= NF; i++) if ($i ~ /^\[?--/) { o = $i; gsub(/[][]|\.\.\.$/, "", o); sub(/[ =].*/, "", o); print command, o } }' \
    "$tmp/use" | sort -u >"$tmp/readme.options"
awk '$1 == "build/vigie" { print $2 }' "$tmp/use" | sort -u >"$tmp/readme.commands"

"$vigie" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | sort -u >"$tmp/help.commands"
: >"$tmp/help.options"
while read -r command; do
    "$vigie" "$command" --help | awk -v c="$command" '$1 ~ /^--/ { print c, $1 }' >>"$tmp/help.options"
done <"$tmp/help.commands"
sort -u -o "$tmp/help.options" "$tmp/help.options"

status=0
if ! diff -u "$tmp/help.commands" "$tmp/readme.commands" >"$tmp/diff"; then
    echo "FAIL: commands differ between 'vigie --help' (-) and README's Use (+):"; cat "$tmp/diff"; status=1
fi
if ! diff -u "$tmp/help.options" "$tmp/readme.options" >"$tmp/diff"; then
    echo "FAIL: options differ between each 'vigie COMMAND --help' (-) and README's Use (+):"; cat "$tmp/diff"; status=1
fi
[ $status -ne 0 ] || echo "PASS: $(wc -l <"$tmp/help.commands") commands, $(wc -l <"$tmp/help.options") options in both"
exit $status
