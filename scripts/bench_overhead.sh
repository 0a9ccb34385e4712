#!/usr/bin/env bash
# Compares the runner's epoch time with a minimal hand-written LibTorch loop (scripts/bench/plain_loop.cpp)
# on the same LeNet-5-style model, Fashion-MNIST slice, optimizer and thread count, at batch sizes 128
# and 8, then measures the quickstart's peak resident memory. Prints Markdown rows for
# docs/benchmarks.md. Run it on an otherwise idle machine.
#
# Usage: scripts/bench_overhead.sh [TRAIN_SAMPLES] [EPOCHS] [THREADS]
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_BUILD_DIR:-$repo_root/build}
train_samples=${1:-10000}
epochs=${2:-8}
threads=${3:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$repo_root/scripts/bench_common.sh"

"$repo_root/scripts/setup.sh" >/dev/null

write_config() {  # batch_size -> config path
  local config=$work/bench_$1.yaml
  sed -e "s/batch_size: 64/batch_size: $1/" -e "s/epochs: 5/epochs: $epochs/" \
      -e "s/threads: 0 /threads: $threads /" -e "s/train_accuracy: true/train_accuracy: false/" \
      -e "s/^  path: .*/&\n  train_samples: $train_samples/" \
      "$repo_root/configs/quickstart.yaml" > "$config"
  echo "$config"
}

print_machine
echo
echo "| batch | plain LibTorch loop (s/epoch) | runner (s/epoch) | overhead |"
echo "|---|---|---|---|"
for batch in 128 8; do
  plain=$("$build_dir/scripts/bench/plain_loop" "$batch" "$epochs" "$threads" "$train_samples" | awk '{print $4}' | median_after_first)
  runner=$(runner_epoch_seconds "$(write_config "$batch")" "$work/bench.db")
  echo "| $batch | $plain | $runner | $(overhead_percent "$runner" "$plain") |"
done

echo
sed -e 's/epochs: 5/epochs: 1/' "$repo_root/configs/quickstart.yaml" > "$work/quickstart_1.yaml"
/usr/bin/time -f "quickstart peak resident memory: %M KiB (one epoch, full Fashion-MNIST)" \
  "$build_dir/runner" "$work/quickstart_1.yaml" --db "$work/q.db" --quiet 2>&1 >/dev/null | tail -1
