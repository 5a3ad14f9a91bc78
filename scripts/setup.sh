#!/usr/bin/env bash
# Installs the Debian packages Vigie builds with (only those missing; sudo
# only when not root), then configures and builds into build/.
# JOBS=N limits the parallel build jobs (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

ensure_packages "${VIGIE_PACKAGES[@]}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(build_jobs)"
