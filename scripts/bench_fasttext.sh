#!/usr/bin/env bash
# Compares runner's skip-gram with negative sampling (configs/text/kjv_skipgram.yaml) with Debian's
# `fasttext skipgram` on the King James Bible: wall time, words per second, and the quality of the
# vectors on the queries of scripts/word_vector_queries.txt. Both train on the same tokens: the
# training part of runner's split, as `runner tokenize` prints them, joined by spaces into lines of
# 1,000 tokens (runner's windows never cross 1,000 tokens either). fastText runs twice: with
# `-minn 0 -maxn 0` (plain word vectors, like word2vec) and with its default subwords (3 to 6
# characters). Settings: dim 100, window 5, 5 epochs, 5 negatives, min count 5, t = 1e-4, lr 0.05.
# Prints Markdown for docs/benchmarks.md. Run it on an otherwise idle machine.
#
# Usage: scripts/bench_fasttext.sh [THREADS] [--force]
#   THREADS   worker threads for both programs (default: every core)
#   --force   run even when the load average is 0.5 or more or a compiler is running
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${RUNNER_BUILD_DIR:-$repo_root/build}
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

# Prints "SECONDS PEAK_KIB" of a command, whose own output goes to $work/NAME.log.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1
  cat "$work/$name.time"
}

# 1. runner, with the config's thread count set to THREADS.
sed -e "s/^threads: 0 /threads: $threads /" configs/text/kjv_skipgram.yaml >"$work/kjv_skipgram.yaml"
grep -q "^threads: $threads " "$work/kjv_skipgram.yaml" || { echo "bench_fasttext: could not set threads" >&2; exit 1; }
read -r runner_seconds runner_kib < <(timed runner "$runner" "$work/kjv_skipgram.yaml" --db "$work/bench.db" --quiet)
run_id=$(sqlite3 "$work/bench.db" "SELECT max(id) FROM runs")
split_json=$(sqlite3 "$work/bench.db" "SELECT path FROM run_files WHERE run_id = $run_id AND name = 'split.json'")
train_tokens=$(sed -nE 's/.*"train_tokens": *([0-9]+).*/\1/p' "$split_json")
unknown_train_tokens=$(sed -nE 's/.*"unknown_train_tokens": *([0-9]+).*/\1/p' "$split_json")
# Words each epoch trains on: the training tokens without those below min count, for both programs.
words=$((train_tokens - unknown_train_tokens))

# 2. The same training tokens for fastText.
# awk reads to the end rather than stopping early like head, which would kill runner with SIGPIPE.
"$runner" tokenize "$work/kjv_skipgram.yaml" |
  awk -v n="$train_tokens" 'NR <= n { printf "%s%s", $0, (NR % 1000 && NR < n ? " " : "\n") }' >"$work/kjv_train.txt"

common=(-input "$work/kjv_train.txt" -dim 100 -ws 5 -epoch 5 -neg 5 -minCount 5 -t 1e-4 -lr 0.05 -thread "$threads")
read -r words_seconds words_kib < <(timed fasttext_words fasttext skipgram "${common[@]}" -minn 0 -maxn 0 \
  -output "$work/fasttext_words")
read -r subword_seconds subword_kib < <(timed fasttext_subwords fasttext skipgram "${common[@]}" \
  -output "$work/fasttext_subwords")

# fastText's own count, from its last progress line: words/sec/thread over the training loop only.
fasttext_rate() { tr '\r' '\n' <"$work/$1.log" | sed -nE 's/.*words\/sec\/thread: *([0-9]+).*/\1/p' | tail -1; }
per_second() { awk -v w="$words" -v s="$1" 'BEGIN { printf "%.0f", 5 * w / s }'; }

# 3. Quality, judged by `runner vectors` for all three.
RUNNER_DB=$work/bench.db scripts/word_vector_quality.sh "$runner" "$run_id" >"$work/quality_runner.tsv"
scripts/word_vector_quality.sh "$runner" "$work/fasttext_words.vec" >"$work/quality_words.tsv"
scripts/word_vector_quality.sh "$runner" "$work/fasttext_subwords.vec" >"$work/quality_subwords.tsv"

print_machine
echo "words per epoch: $words (training tokens without <unk>), 5 epochs"
echo
echo "| program | wall time (s) | words/s (5 x words / wall time) | own words/s/thread | peak memory (MiB) |"
echo "|---|---|---|---|---|"
echo "| runner skipgram | $runner_seconds | $(per_second "$runner_seconds") | - | $((runner_kib / 1024)) |"
echo "| fasttext -maxn 0 | $words_seconds | $(per_second "$words_seconds") | $(fasttext_rate fasttext_words) | $((words_kib / 1024)) |"
echo "| fasttext subwords | $subword_seconds | $(per_second "$subword_seconds") | $(fasttext_rate fasttext_subwords) | $((subword_kib / 1024)) |"
echo
echo "| query | runner | fasttext -maxn 0 | fasttext subwords |"
echo "|---|---|---|---|"
paste "$work/quality_runner.tsv" "$work/quality_words.tsv" "$work/quality_subwords.tsv" | awk -F'\t' '
  $1 == "pair" { printf "| %s / %s: cosine, rank | %s, %s | %s, %s | %s, %s |\n", $2, $3, $4, $5, $9, $10, $14, $15 }
  function verdict(answer, hit) { return (hit ? "yes" : "no") " (" answer ")" }
  $1 == "analogy" {
    printf "| %s : %s :: %s : %s | %s | %s | %s |\n", $2, $3, $4, $5, verdict($6, $7), verdict($13, $14), verdict($20, $21)
  }
  $1 == "summary" { printf "| **%s** | %s | %s | %s |\n", $2, $3, $6, $9 }'
