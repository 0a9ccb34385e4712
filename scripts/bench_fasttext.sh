#!/usr/bin/env bash
# Compares runner's skip-gram with negative sampling (configs/text/kjv_skipgram.yaml) with Debian's
# `fasttext skipgram` on the King James Bible: wall time, words per second, and the quality of the
# vectors on the queries of scripts/word_vector_queries.txt. Both train on the same tokens: the
# training part of runner's split, as `runner tokenize` prints them, joined by spaces into lines of
# 1,000 tokens (runner's windows never cross 1,000 tokens either). fastText runs twice: with
# `-minn 0 -maxn 0` (plain word vectors, like word2vec) and with its default subwords (3 to 6
# characters). Settings: dim 100, window 5, 5 epochs, 5 negatives, min count 5, t = 1e-4, lr 0.05.
# Each program trains once per seed, because one seed's quality differs from the next by a few
# queries. Prints Markdown for docs/benchmarks.md. Run it on an otherwise idle machine.
#
# Usage: scripts/bench_fasttext.sh [THREADS] [--force]
#   THREADS   worker threads for both programs (default: every core)
#   --force   run even when the load average is 0.5 or more or a compiler is running
# Environment: SEEDS (default "1 2 3"), RUNNER_BUILD_DIR (default build).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_BUILD_DIR:-$repo_root/build}
read -r -a seeds <<<"${SEEDS:-1 2 3}"
threads=$(nproc)
force=false
for argument in "$@"; do
  case $argument in
    --force) force=true ;;
    *) threads=$argument ;;
  esac
done
runner=$build_dir/runner
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$repo_root/scripts/bench_common.sh"
cd "$repo_root"

# Other work on the same cores would slow either program by an unknown amount.
load=$(cut -d' ' -f1 /proc/loadavg)
if [[ $force != true ]] && { awk -v load="$load" 'BEGIN { exit !(load >= 0.5) }' || pgrep -x cc1plus >/dev/null; }; then
  echo "bench_fasttext: the machine is busy (load average $load, or a compiler is running);" \
    "wait until it is idle, or pass --force" >&2
  exit 1
fi

if ! command -v fasttext >/dev/null; then
  echo "bench_fasttext: installing the Debian package fasttext" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends fasttext >/dev/null
fi
scripts/prepare_kjv.sh
[[ -x $runner ]] || { echo "bench_fasttext: $runner not found; build it first (scripts/setup.sh)" >&2; exit 1; }

# Runs a command with its output in $work/NAME.log, and appends "SECONDS PEAK_KIB" to $work/NAME.times.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -a -o "$work/$name.times" "$@" >"$work/$name.log" 2>&1
}

# 1. runner, once per seed, with the config's thread count set to THREADS.
declare -A run_ids
for seed in "${seeds[@]}"; do
  config=$work/kjv_skipgram_$seed.yaml
  sed -e "s/^threads: 0 /threads: $threads /" -e "s/^seed: 1$/seed: $seed/" configs/text/kjv_skipgram.yaml >"$config"
  grep -q "^threads: $threads " "$config" && grep -q "^seed: $seed$" "$config" ||
    { echo "bench_fasttext: could not set threads and seed in $config" >&2; exit 1; }
  timed runner "$runner" "$config" --db "$work/bench.db" --quiet
  run_ids[$seed]=$(sqlite3 "$work/bench.db" "SELECT max(id) FROM runs")
done

run_id=${run_ids[${seeds[0]}]}
split_json=$(sqlite3 "$work/bench.db" "SELECT path FROM run_files WHERE run_id = $run_id AND name = 'split.json'")
train_tokens=$(sed -nE 's/.*"train_tokens": *([0-9]+).*/\1/p' "$split_json")
unknown_train_tokens=$(sed -nE 's/.*"unknown_train_tokens": *([0-9]+).*/\1/p' "$split_json")
# Words each epoch trains on: the training tokens without those below min count, for both programs.
words=$((train_tokens - unknown_train_tokens))

# 2. The same training tokens for fastText. awk reads to the end rather than stopping early like
# head, which would kill runner with SIGPIPE.
"$runner" tokenize "$work/kjv_skipgram_${seeds[0]}.yaml" |
  awk -v n="$train_tokens" 'NR <= n { printf "%s%s", $0, (NR % 1000 && NR < n ? " " : "\n") }' >"$work/kjv_train.txt"

common=(-input "$work/kjv_train.txt" -dim 100 -ws 5 -epoch 5 -neg 5 -minCount 5 -t 1e-4 -lr 0.05 -thread "$threads")
for seed in "${seeds[@]}"; do
  timed fasttext_words fasttext skipgram "${common[@]}" -seed "$seed" -minn 0 -maxn 0 -output "$work/words_$seed"
  timed fasttext_subwords fasttext skipgram "${common[@]}" -seed "$seed" -output "$work/subwords_$seed"
done

# 3. Quality, judged by `runner vectors` for every program and seed.
for seed in "${seeds[@]}"; do
  RUNNER_DB=$work/bench.db scripts/word_vector_quality.sh "$runner" "${run_ids[$seed]}" >"$work/quality_runner_$seed.tsv"
  scripts/word_vector_quality.sh "$runner" "$work/words_$seed.vec" >"$work/quality_words_$seed.tsv"
  scripts/word_vector_quality.sh "$runner" "$work/subwords_$seed.vec" >"$work/quality_subwords_$seed.tsv"
done

# The median of the seeds' wall times and the highest peak memory, as "SECONDS MIB".
time_summary() {
  local seconds kib
  seconds=$(cut -d' ' -f1 "$work/$1.times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  kib=$(cut -d' ' -f2 "$work/$1.times" | sort -n | tail -1)
  echo "$seconds $((kib / 1024))"
}
# fastText's own count from its last progress line: words/sec/thread over the training loop only.
fasttext_rate() { tr '\r' '\n' <"$work/$1.log" | sed -nE 's/.*words\/sec\/thread: *([0-9]+).*/\1/p' | tail -1; }
per_second() { awk -v w="$words" -v s="$1" 'BEGIN { printf "%.0f", 5 * w / s }'; }
# One summary value of every seed, "a, b, c".
summary_values() {
  local program=$1 measure=$2 seed values=()
  for seed in "${seeds[@]}"; do
    values+=("$(awk -F'\t' -v m="$measure" '$1 == "summary" && $2 == m { print $3 }' "$work/quality_${program}_$seed.tsv")")
  done
  (IFS=,; echo "${values[*]}" | sed 's/,/, /g')
}

print_machine
echo "words per epoch: $words (training tokens without <unk>), 5 epochs; seeds ${seeds[*]}"
echo
echo "| program | wall time (s, median) | words/s (5 x words / wall time) | own words/s/thread (last seed) | peak memory (MiB) |"
echo "|---|---|---|---|---|"
read -r seconds mib < <(time_summary runner)
echo "| runner skipgram | $seconds | $(per_second "$seconds") | - | $mib |"
read -r seconds mib < <(time_summary fasttext_words)
echo "| fasttext -maxn 0 | $seconds | $(per_second "$seconds") | $(fasttext_rate fasttext_words) | $mib |"
read -r seconds mib < <(time_summary fasttext_subwords)
echo "| fasttext subwords | $seconds | $(per_second "$seconds") | $(fasttext_rate fasttext_subwords) | $mib |"
echo
echo "| measure (one value per seed) | runner | fasttext -maxn 0 | fasttext subwords |"
echo "|---|---|---|---|"
for measure in mean_cosine top10_pairs analogies_correct; do
  echo "| $measure | $(summary_values runner "$measure") | $(summary_values words "$measure") |" \
    "$(summary_values subwords "$measure") |"
done
echo
echo "Seed ${seeds[0]}, query by query:"
echo
echo "| query | runner | fasttext -maxn 0 | fasttext subwords |"
echo "|---|---|---|---|"
first=${seeds[0]}
paste "$work/quality_runner_$first.tsv" "$work/quality_words_$first.tsv" "$work/quality_subwords_$first.tsv" | awk -F'\t' '
  function verdict(answer, hit) { return (hit ? "yes" : "no") " (" answer ")" }
  $1 == "pair" { printf "| %s / %s: cosine, rank | %s, %s | %s, %s | %s, %s |\n", $2, $3, $4, $5, $9, $10, $14, $15 }
  $1 == "analogy" {
    printf "| %s : %s :: %s : %s | %s | %s | %s |\n", $2, $3, $4, $5, verdict($6, $7), verdict($13, $14), verdict($20, $21)
  }'
