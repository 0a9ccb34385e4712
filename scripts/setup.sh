#!/usr/bin/env bash
# Installs the Debian packages runner needs (only those missing), then configures and builds it
# incrementally in build/. Called by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_BUILD_DIR:-$repo_root/build}

packages=(
  cmake ninja-build g++ ccache git pkg-config
  libtorch-dev libopenblas0-pthread
  libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libcli11-dev
  libsqlite3-dev sqlite3 libarchive-dev zlib1g-dev
  libgtest-dev libgmock-dev
  dataset-fashion-mnist bible-kjv
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing missing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# LibTorch's matrix products go through libblas.so.3; the reference BLAS there is about 16x slower.
blas_target=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
if [[ $blas_target != *openblas* ]]; then
  echo "setup: warning: libblas.so.3 points to ${blas_target:-nothing}, not OpenBLAS; training will be slow." >&2
  echo "       fix: update-alternatives --config libblas.so.3-x86_64-linux-gnu" >&2
fi

if [[ ! -f $build_dir/build.ninja ]]; then
  cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
