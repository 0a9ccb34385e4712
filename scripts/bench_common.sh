# Shared helpers for the benchmark scripts; sourced, not run.

# Median epoch seconds from stdin (one number per line), skipping the first epoch (warm-up:
# allocator and thread pools). The median, because single epochs on a shared virtual machine vary
# by 10-20 %.
median_after_first() {
  tail -n +2 | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m }'
}

# Trains CONFIG with the runner into DB and prints its median epoch seconds.
runner_epoch_seconds() {
  local config=$1 db=$2
  "$build_dir/runner" "$config" --db "$db" --quiet >/dev/null
  local run_id
  run_id=$(sqlite3 "$db" "SELECT max(id) FROM runs")
  sqlite3 "$db" "SELECT seconds FROM epochs WHERE run_id = $run_id ORDER BY epoch" | median_after_first
}

# Prints "+4.2 %": how much slower A is than B.
overhead_percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", 100 * (a - b) / b }'; }

print_machine() {
  echo "blas: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads $threads"
}
