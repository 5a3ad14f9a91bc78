# Sourced by the scripts: ensure_packages PKG... installs the Debian packages
# among PKG that are missing (sudo only when not root).
ensure_packages() {
  local missing=() p sudo=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The packages every build needs; xapian-tools for xapian-tcpsrv, which serves
# remote shards (the shard tests start it; see docs/scaling.md).
VIGIE_PACKAGES=(cmake g++ make pkg-config libxapian-dev libicu-dev libcli11-dev libgtest-dev nlohmann-json3-dev
                libgumbo-dev libpoppler-cpp-dev zlib1g-dev libcpp-httplib-dev xapian-tools)

# What the package test (tests/package/, run by scripts/test.sh) needs beyond
# the build: dpkg-shlibdeps (dpkg-dev) and file for cpack, help2man for the
# manual page (present when build/ is configured), man-db for `man -w`,
# systemd for systemd-analyze, strace to trace the files vigie opens. The
# demo needs none of them.
VIGIE_PACKAGING_PACKAGES=(dpkg-dev file help2man man-db systemd strace)

# Parallel build jobs: $JOBS, else one per core.
build_jobs() { echo "${JOBS:-$(nproc)}"; }
