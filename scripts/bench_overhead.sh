#!/usr/bin/env bash
# Compares the runner's epoch time with a minimal hand-written LibTorch loop (scripts/bench/plain_loop.cpp)
# on the same LeNet-5-style model, Fashion-MNIST slice, optimizer and thread count, at batch sizes 8
# and 128, then measures the quickstart's peak resident memory. Results go to stdout as Markdown rows
# for docs/benchmarks.md. Run it on an otherwise idle machine.
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

"$repo_root/scripts/setup.sh" >/dev/null

write_config() {  # batch_size -> config path
  local config=$work/bench_$1.yaml
  sed -e "s/batch_size: 64/batch_size: $1/" -e "s/epochs: 5/epochs: $epochs/" \
      -e "s/threads: 0 /threads: $threads /" -e "s/train_accuracy: true/train_accuracy: false/" \
      -e "s/^  path: .*/&\n  train_samples: $train_samples/" \
      "$repo_root/configs/quickstart.yaml" > "$config"
  echo "$config"
}

# Median epoch seconds, skipping the first epoch (warm-up: allocator and thread pools). The median,
# because on a shared virtual machine single epochs vary by 10-20 %.
median_after_first() { tail -n +2 | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m }'; }

echo "blas: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads $threads"
echo
echo "| batch | plain LibTorch loop (s/epoch) | runner (s/epoch) | overhead |"
echo "|---|---|---|---|"
for batch in 128 8; do
  plain=$("$build_dir/scripts/bench/plain_loop" "$batch" "$epochs" "$threads" "$train_samples" | awk '{print $4}' | median_after_first)
  config=$(write_config "$batch")
  "$build_dir/runner" "$config" --db "$work/bench.db" --quiet >/dev/null
  run_id=$(sqlite3 "$work/bench.db" "SELECT max(id) FROM runs")
  runner=$(sqlite3 "$work/bench.db" "SELECT seconds FROM epochs WHERE run_id = $run_id ORDER BY epoch" | median_after_first)
  overhead=$(awk -v a="$runner" -v b="$plain" 'BEGIN { printf "%+.1f %%", 100 * (a - b) / b }')
  echo "| $batch | $plain | $runner | $overhead |"
done

echo
/usr/bin/time -f "quickstart peak resident memory: %M KiB (one epoch, full Fashion-MNIST)" \
  "$build_dir/runner" "$(sed -e 's/epochs: 5/epochs: 1/' "$repo_root/configs/quickstart.yaml" > "$work/q.yaml"; echo "$work/q.yaml")" \
  --db "$work/q.db" --quiet 2>&1 >/dev/null | tail -1
