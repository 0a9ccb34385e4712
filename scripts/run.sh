#!/usr/bin/env bash
# Sets up and builds runner if needed, then trains CONFIG (default: configs/quickstart.yaml).
# Any further arguments go to `runner` unchanged.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo_root/scripts/setup.sh"
cd "$repo_root"
config=${1:-configs/quickstart.yaml}
shift || true
exec "${RUNNER_BUILD_DIR:-$repo_root/build}/runner" "$config" "$@"
