#!/usr/bin/env bash
# Set up as scripts/setup.sh does, then run the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The browser test needs Debian's Chromium and playwright-core from npm.
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
browser_packages=()
command -v chromium >/dev/null || browser_packages+=(chromium)
command -v npm >/dev/null || browser_packages+=(nodejs npm)
if [ ${#browser_packages[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${browser_packages[@]}"
fi
npm ci --prefix tests/browser --no-audit --no-fund --silent
ctest --test-dir build --output-on-failure -j"$(nproc)"
