#!/usr/bin/env bash
# The main job on the seeds: set up, index seeds/ into build/index, search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/vigie index --db build/index seeds
echo
build/vigie search --db build/index --limit 3 "l'armée malienne à Moura"
