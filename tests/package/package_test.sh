#!/usr/bin/env bash
# package_install: the Debian package as a system administrator gets it.
#   package_test.sh SOURCE_DIR BUILD_DIR CPACK
# Builds vigie_*.deb with cpack from the already-built BUILD_DIR, checks its
# metadata, installs it (apt-get), then, with the checkout hidden, runs
# /usr/bin/vigie index, search and analyze on a copy of the seeds, and the
# ExecStart line of the installed vigie.service as an unprivileged user over
# a read-only index; checks `man -w vigie`, `systemd-analyze verify` and
# `systemd-analyze security` on the units; purges the package, even when a
# check fails (trap), and checks nothing of it is left.
#
# "The checkout hidden": the vigie commands run in a private mount namespace
# (unshare) where an empty read-only tmpfs covers SOURCE_DIR and BUILD_DIR,
# so a binary that needed them would fail or lose its entities, which the
# checks would see; nothing is renamed, so an interrupted run cannot lose
# the checkout. Where strace works, every file path those commands pass to
# the kernel is also recorded, and none may lie under either folder (which
# also catches a binary that looks there and silently goes without). One of
# the two must be available.
#
# Changes the machine (installs, then purges, the package), so it skips
# (exit 77) unless run as root with dpkg and apt-get, or when a package
# named vigie is already installed (it would be replaced, then purged).
set -euo pipefail
umask 022  # the index must be readable by the unprivileged server
src=$(readlink -f "$1") build=$(readlink -f "$2") cpack=$3

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "not root: installing a Debian package needs root (CI runs the suite as root)"
for tool in dpkg dpkg-deb apt-get; do
    command -v "$tool" >/dev/null || skip "$tool not found: not a Debian system"
done
for tool in dpkg-shlibdeps:dpkg-dev file:file man:man-db systemd-analyze:systemd; do
    command -v "${tool%%:*}" >/dev/null ||
        fail "${tool%%:*} not found: apt-get install ${tool#*:} (scripts/test.sh does)"
done
[ -f "$build/man/vigie.1.gz" ] ||
    fail "no $build/man/vigie.1.gz: help2man was missing when $build was configured (apt-get install help2man, reconfigure)"

# One run at a time on a machine (two checkouts would purge each other's).
lock=/run/lock/vigie-package-test.lock
[ -d /run/lock ] || lock=/tmp/vigie-package-test.lock
exec 9>"$lock"
flock -w 600 9 || fail "another package_install run holds $lock"

dpkg_status() { dpkg-query -W -f='${Status}' vigie 2>/dev/null || true; }
status=$(dpkg_status)
if [ -n "$status" ] && [[ $status != *not-installed ]]; then
    skip "a package named vigie is on this machine ($status): this test would replace and purge it"
fi

work=$(mktemp -d /tmp/vigie-package-test.XXXXXX)
case "$work/" in "$src/"* | "$build/"*) fail "work folder $work lies in the checkout" ;; esac
installed=false
cleanup() {
    local status=$?
    if $installed; then
        echo "-- purging the package (cleanup)"
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 vigie >/dev/null ||
            dpkg --purge vigie >/dev/null || echo "!! could not purge vigie: dpkg --purge vigie" >&2
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "-- cpack -G DEB from $build"
(cd "$build" && "$cpack" -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
debs=("$work"/pkg/vigie_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no single vigie_*.deb: ${debs[*]}"
deb=${debs[0]}
echo "   $(basename "$deb"), $(stat -c %s "$deb") bytes"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = vigie ] || fail "Package: $(field Package)"
[ "$(field Section)" = utils ] || fail "Section: $(field Section)"
depends=$(field Depends)
[[ $depends == *libxapian30* && $depends == *libicu* ]] || fail "Depends lacks libxapian30 or libicu (shlibdeps): $depends"
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
[ "$conffiles" = /etc/default/vigie ] || fail "conffiles: '$conffiles', not /etc/default/vigie"
dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/contents"
for f in ./usr/bin/vigie ./usr/lib/vigie/vigie-serve ./usr/lib/vigie/vigie_pdf.so \
    ./usr/share/man/man1/vigie.1.gz ./etc/default/vigie \
    ./usr/lib/systemd/system/vigie.service ./usr/lib/systemd/system/vigie-index.service \
    ./usr/lib/systemd/system/vigie-index.path ./usr/lib/systemd/system/vigie-index.timer \
    ./usr/share/doc/vigie/README.md ./usr/share/doc/vigie/examples/nginx-vigie.conf \
    ./usr/share/doc/vigie/copyright ./usr/share/doc/vigie/LEXICON.md; do
    grep -qx "$f" "$work/contents" || fail "$f missing from the package"
done
! grep -q "^./usr/local" "$work/contents" || fail "the package installs into /usr/local"

# Everything but vigie itself must already be installed: the test installs
# and purges one package and leaves the machine as it found it.
sim=$(apt-get install -s -o Debug::NoLocking=1 "$deb" 2>&1) || { echo "$sim"; fail "apt-get -s install failed"; }
others=$(echo "$sim" | awk '/^Inst / && $2 != "vigie" { print $2 }')
[ -z "$others" ] || fail "installing the package would also install: $others"

echo "-- apt-get install $deb"
installed=true
# --path-include: slim Debian images tell dpkg to drop /usr/share/man/*
# (/etc/dpkg/dpkg.cfg.d/); the manual page is checked all the same.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
    -o DPkg::Options::=--path-include=/usr/share/man/man1/vigie.1.gz "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install failed"; }
[ -x /usr/bin/vigie ] || fail "/usr/bin/vigie not installed"

version=$(/usr/bin/vigie --version)
echo "   $version"
[[ $version =~ ^vigie\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]] ||
    fail "vigie --version: '$version'"
[ "$version" = "$("$build/vigie" --version)" ] || fail "installed '$version' is not the build's $("$build/vigie" --version)"

echo "-- man -w vigie"
[ "$(man -w vigie)" = /usr/share/man/man1/vigie.1.gz ] || fail "man -w vigie: $(man -w vigie 2>&1)"
MANWIDTH=100 man vigie 2>/dev/null >"$work/man.txt"
for sub in $(/usr/bin/vigie --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
    grep -q "^   vigie $sub\$" "$work/man.txt" || fail "man vigie has no section for 'vigie $sub'"
    grep -qF -- "Usage: vigie $sub " "$work/man.txt" || fail "man vigie lacks the help of 'vigie $sub'"
done

echo "-- systemd-analyze verify, security"
units=(/usr/lib/systemd/system/vigie.service /usr/lib/systemd/system/vigie-index.service
       /usr/lib/systemd/system/vigie-index.path /usr/lib/systemd/system/vigie-index.timer)
systemd-analyze verify "${units[@]}" >"$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "systemd-analyze verify"; }
! grep -i "vigie" "$work/verify.log" || fail "systemd-analyze verify warns about the units"
for unit in vigie.service vigie-index.service; do
    # 0-10 (--threshold in tenths), 10 the least protected; a unit without
    # hardening scores 9.6.
    systemd-analyze security --offline=true --threshold=20 "/usr/lib/systemd/system/$unit" >"$work/security.log" 2>&1 ||
        { grep -v "^✓" "$work/security.log"; fail "$unit: exposure above 2"; }
    echo "   $(grep -o "Overall exposure level.*" "$work/security.log")"
done
# shellcheck source=/dev/null
. /etc/default/vigie
[ "$VIGIE_HOST" = 127.0.0.1 ] || fail "/etc/default/vigie: VIGIE_HOST=$VIGIE_HOST, not loopback"

# The checks run with the checkout hidden: the seeds copied to $work first.
mkdir "$work/reports"
cp "$src"/seeds/* "$work/reports/"
seed_count=$(ls "$src/seeds" | wc -l)
exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/vigie.service)
[ -n "$exec_start" ] || fail "no ExecStart= in vigie.service"
chmod 755 "$work"

hidden_checks() {  # runs inside the mount namespace, in $work
    set -euo pipefail
    local n=0
    if [ "$hide" = yes ]; then
        mount -t tmpfs -o ro,mode=755,size=4k vigie-hidden "$src"
        # A build folder inside the checkout is gone with it.
        if [ -d "$build" ]; then mount -t tmpfs -o ro,mode=755,size=4k vigie-hidden "$build"; fi
        if [ -n "$(ls -A "$src")" ] || [ -e "$build/vigie" ]; then echo "checkout still visible" >&2; return 1; fi
    fi
    run() { # run NAME CMD...: CMD under strace when it works
        if [ "$traced" = yes ]; then strace -f -qq -e trace=%file -o "trace.$1" "${@:2}"; else "${@:2}"; fi
    }
    run index /usr/bin/vigie index --json --db index reports >index.json
    run search /usr/bin/vigie search --json --db index "l'armée malienne à Moura" >search.json
    run analyze /usr/bin/vigie analyze --json "les armées" >analyze.json

    # vigie.service's command line, as a user who cannot write the index
    # (also mounted read-only, as the unit does), on any free port.
    if [ "$hide" = yes ]; then mount --bind index index && mount -o remount,bind,ro index; fi
    local line=${exec_start//'${VIGIE_DB}'/$work/index}
    line=${line//'${VIGIE_HOST}'/$VIGIE_HOST}
    line=${line//'${VIGIE_PORT}'/0}
    echo "   as nobody: $line"
    # sh writes its pid, which setpriv and then vigie keep (exec).
    # shellcheck disable=SC2016  # $$ and "$@" are sh's
    run serve sh -c 'echo $$ >serve.pid; exec setpriv --reuid=nobody --regid=nogroup --clear-groups --no-new-privs "$@"' \
        sh $line >serve.out 2>serve.err &  # $line unquoted: the unit's words, as systemd splits them
    local pid=$! port="" deadline=$((SECONDS + 120))
    while [ -z "$port" ] && [ $SECONDS -lt $deadline ] && kill -0 $pid 2>/dev/null; do
        port=$(sed -n 's|^listening on http://[^:]*:\([0-9]*\)/$|\1|p' serve.out)
        [ -n "$port" ] || sleep 0.2
    done
    if [ -n "$port" ]; then
        for path in /healthz "/api/search?q=Moura&limit=1" /; do
            timeout 60 bash -c 'exec 3<>/dev/tcp/$0/$1; printf "GET %s HTTP/1.1\r\nHost: vigie\r\nConnection: close\r\n\r\n" "$2" >&3; cat <&3' \
                "$VIGIE_HOST" "$port" "$path" >"http.$n" || true
            n=$((n + 1))
        done
    fi
    kill -TERM "$(cat serve.pid)" 2>/dev/null || true
    wait $pid || true
}

hide=no traced=no
if unshare --mount true 2>/dev/null; then hide=yes; fi
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then traced=yes; fi
[ $hide = yes ] || [ $traced = yes ] ||
    fail "neither unshare --mount (hides the checkout) nor strace (traces file access) works here"
echo "-- /usr/bin/vigie with the checkout $([ $hide = yes ] && echo hidden)$([ $hide$traced = yesyes ] && echo ", ")$([ $traced = yes ] && echo "file access traced")"
export src build work exec_start VIGIE_HOST hide traced
inner="cd \"\$work\"; $(declare -f hidden_checks); hidden_checks"
if [ $hide = yes ]; then
    unshare --mount --propagation private bash -c "$inner" || fail "the checks inside the namespace failed"
else
    bash -c "$inner" || fail "the checks failed"
fi

cd "$work"
grep -q "\"added\": $seed_count," index.json && grep -q '"failed": 0,' index.json ||
    { cat index.json; fail "vigie index did not add the $seed_count seeds"; }
grep -q '"total": [1-9]' search.json || { head -c 600 search.json; fail "vigie search found nothing"; }
# Entities come from the embedded catalogue and gazetteer, stop words from
# the embedded list: missing data would show here, not as an error.
grep -q '"id": "fama",' search.json || fail "no actor fama: actor catalogue missing?"
grep -q '"id": "moura",' search.json || fail "no place moura: gazetteer missing?"
# (perl and its JSON::PP come with dpkg-dev)
perl -MJSON::PP -0777 -ne 'exit !grep { $_->{surface} eq "les" && $_->{stop} } @{decode_json($_)->{tokens}}' analyze.json ||
    { cat analyze.json; fail "'les' is no stop word: stop word list missing?"; }
grep -q "^HTTP/1.1 200" http.0 && grep -q "\"reports\": $seed_count" http.0 ||
    { cat serve.err http.0 2>/dev/null; fail "vigie.service's ExecStart, as nobody: no healthy /healthz"; }
grep -q '"id": "moura"' http.1 || fail "the served search has no place moura"
grep -q "^HTTP/1.1 200" http.2 && grep -qi "<html" http.2 || fail "the served page / is missing"
if [ $traced = yes ]; then
    touched=$(cat trace.* | grep -F -e "\"$src/" -e "\"$src\"" -e "\"$build/" -e "\"$build\"" || true)
    [ -z "$touched" ] || { echo "$touched" | head; fail "vigie opened paths in the checkout"; }
    echo "   no file path under $src or $build in $(cat trace.* | wc -l) traced calls"
fi

echo "-- apt-get purge vigie"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 vigie >"$work/purge.log" 2>&1 ||
    { cat "$work/purge.log"; fail "apt-get purge failed"; }
installed=false
status=$(dpkg_status)
[ -z "$status" ] || [[ $status == *not-installed ]] || fail "dpkg still has vigie after purge: $status"
for f in /usr/bin/vigie /etc/default/vigie /usr/lib/systemd/system/vigie.service /usr/share/man/man1/vigie.1.gz; do
    [ ! -e "$f" ] || fail "$f left after purge"
done
echo "PASS"
