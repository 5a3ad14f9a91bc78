#!/bin/sh
# make-man.sh VIGIE INCLUDE OUT: writes the manual page OUT (vigie.1.gz) from
# the CLI's own help, so the two cannot drift: help2man reads `vigie --help`
# and `vigie --version`; each subcommand listed by `vigie --help` gets its
# `vigie SUBCOMMAND --help` in a COMMANDS section; INCLUDE (vigie.h2m) adds
# the few hand-written sections (files, examples, see also).
# Run by the build (cmake/Packaging.cmake) when help2man is installed.
set -eu
vigie=$1 include=$2 out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Called through PATH as plain `vigie`, so the usage lines read "vigie ..."
# and not the build folder's path.
mkdir "$tmp/bin"
ln -s "$(readlink -f "$vigie")" "$tmp/bin/vigie"
PATH="$tmp/bin:$PATH"
export PATH

# Roff-safe preformatted text: backslashes and minus signs escaped (so that
# options copied from the page are ASCII "--"), no line starting with a
# control character.
roff_verbatim() {
    sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

subcommands=$(vigie --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$subcommands" ] || { echo "make-man.sh: no subcommand in vigie --help" >&2; exit 1; }
{
    echo "[COMMANDS]"
    printf '%s\n' "Each command's own help (\\fBvigie\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR):"
    for s in $subcommands; do
        echo ".SS \"vigie $s\""
        echo ".nf"
        vigie "$s" --help >"$tmp/help"  # fails the build if it fails
        roff_verbatim <"$tmp/help"
        echo ".fi"
    done
} >"$tmp/commands.h2m"

# The footer shows the version alone ("vigie 0.1.0"), not the commit;
# --locale=C.UTF-8, or help2man's default C locale turns "é" into "??".
version=$(vigie --version | awk '{ print $2 }')
help2man --no-info --locale=C.UTF-8 --version-string="$version" \
    --name="search French-language reports on human-rights abuses" \
    --include="$tmp/commands.h2m" --include="$include" \
    --output="$tmp/vigie.1" vigie
# The first line tells man the page is UTF-8 (French examples, accents).
{ printf '%s\n' "'\\\" -*- coding: UTF-8 -*-"; cat "$tmp/vigie.1"; } | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
