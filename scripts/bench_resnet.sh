#!/usr/bin/env bash
# Compares the runner's epoch time on configs/resnet_stochdepth_fashion.yaml with the same network
# written by hand in LibTorch (scripts/bench/plain_resnet.cpp): same data slice, optimizer, loss,
# flips, batch size and threads. Prints a Markdown row for docs/benchmarks.md. Run it on an idle machine.
#
# Usage: scripts/bench_resnet.sh [TRAIN_SAMPLES] [EPOCHS] [THREADS]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_BUILD_DIR:-$repo_root/build}
train_samples=${1:-5000}
epochs=${2:-5}
threads=${3:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$repo_root/scripts/bench_common.sh"

"$repo_root/scripts/setup.sh" >/dev/null

config=$work/resnet.yaml
sed -e "s/epochs: 10/epochs: $epochs/" -e "s/threads: 0/threads: $threads/" \
    -e "s/train_accuracy: true/train_accuracy: false/" -e "s/^  path: .*/&\n  train_samples: $train_samples/" \
    "$repo_root/configs/resnet_stochdepth_fashion.yaml" > "$config"
batch=$(grep -m1 'batch_size:' "$config" | awk '{print $2}')

print_machine
echo
echo "| network | batch | plain LibTorch loop (s/epoch) | runner (s/epoch) | overhead |"
echo "|---|---|---|---|---|"
plain=$("$build_dir/scripts/bench/plain_resnet" "$batch" "$epochs" "$threads" "$train_samples" | awk '{print $4}' | median_after_first)
runner=$(runner_epoch_seconds "$config" "$work/bench.db")
echo "| resnet_stochdepth_fashion ($train_samples images) | $batch | $plain | $runner | $(overhead_percent "$runner" "$plain") |"
