#!/usr/bin/env bash
# Times the 8-point sweep in scripts/bench_sweep8.yaml with --jobs 1 (2 threads, and 1 thread) and
# --jobs 2 (1 thread per worker), each on a fresh database, and prints the BLAS in use. Then counts
# the time spent in the database's I/O system calls with strace (installed from Debian if missing).
# Run it on an idle machine after scripts/setup.sh.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runner=${RUNNER_BINARY:-$repo_root/build/runner}
config=$repo_root/scripts/bench_sweep8.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "blas: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
echo "cpu:  $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"

time_sweep() {
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  "$runner" "$config" -q --db "$work/$label.db" "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$label: $(echo "$end - $start" | bc) s"
}

time_sweep jobs1_threads2
time_sweep jobs1_threads1 threads=1
time_sweep jobs2 --jobs 2

command -v strace >/dev/null || apt-get install -y -qq strace >/dev/null
strace -f -c -e trace=pwrite64,pread64,fdatasync,fsync,fcntl -o "$work/strace.txt" \
  "$runner" "$config" threads=1 -q --db "$work/strace.db" >/dev/null 2>&1
echo "database system calls during the jobs1_threads1 sweep (strace -c):"
cat "$work/strace.txt"
