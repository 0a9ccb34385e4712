#!/usr/bin/env bash
# Sets up and builds runner if needed, then runs every GoogleTest suite through CTest.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo_root/scripts/setup.sh"
cd "${RUNNER_BUILD_DIR:-$repo_root/build}"
ctest --output-on-failure -j "$(nproc)" "$@"
