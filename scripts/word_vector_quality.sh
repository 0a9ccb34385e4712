#!/usr/bin/env bash
# Judges word vectors with the queries of scripts/word_vector_queries.txt, through `runner vectors`,
# so that every set of vectors is judged by the same code.
#
#   scripts/word_vector_quality.sh RUNNER SOURCE [QUERIES]
#
# SOURCE is a .vec file (or a run id, with RUNNER_DB set to its database). Prints one tab-separated
# line per query, then summary lines:
#   pair A B <cosine> <rank of B among the neighbours of A, or "-" beyond 1000>
#     (cosine "missing" when the vectors lack A or B)
#   analogy A B C D <the nearest word to B - A + C> <1 when it is D, else 0>
#   summary mean_cosine <mean cosine over the pairs the vectors contain>
#   summary top10_pairs <pairs whose rank is at most 10>
#   summary analogies_correct <correct analogies>/<analogies>
set -euo pipefail

if (($# < 2)); then
  echo "usage: $0 RUNNER SOURCE [QUERIES]" >&2
  exit 2
fi
runner=$1
source=$2
queries=${3:-$(dirname "${BASH_SOURCE[0]}")/word_vector_queries.txt}
db_args=()
if [[ -n ${RUNNER_DB:-} ]]; then db_args=(--db "$RUNNER_DB"); fi
max_rank=1000

vectors() { "$runner" vectors "$source" "$@" "${db_args[@]}"; }

cosine_sum=0
pairs=0
measured=0
top10=0
correct=0
analogies=0
while read -r kind a b c d; do
  case $kind in
    pair)
      # A word the vectors lack is reported as missing, and the pair counts as a miss.
      if ! cosine=$(vectors similarity "$a" "$b" 2>/dev/null); then
        printf 'pair\t%s\t%s\tmissing\t-\n' "$a" "$b"
        pairs=$((pairs + 1))
        continue
      fi
      # awk reads every line: stopping early would kill runner with SIGPIPE, which pipefail reports.
      rank=$(vectors neighbors "$a" -k "$max_rank" | awk -F'\t' -v word="$b" '$1 == word && !found { print NR; found = 1 }')
      printf 'pair\t%s\t%s\t%s\t%s\n' "$a" "$b" "$cosine" "${rank:--}"
      cosine_sum=$(awk -v s="$cosine_sum" -v x="$cosine" 'BEGIN { printf "%.6f", s + x }')
      pairs=$((pairs + 1))
      measured=$((measured + 1))
      if [[ -n $rank ]] && ((rank <= 10)); then top10=$((top10 + 1)); fi
      ;;
    analogy)
      answer=$(vectors analogy "$b" "$a" "$c" -k 1 2>/dev/null | cut -f1) || answer=missing
      hit=0
      if [[ $answer == "$d" ]]; then hit=1; fi
      printf 'analogy\t%s\t%s\t%s\t%s\t%s\t%s\n' "$a" "$b" "$c" "$d" "$answer" "$hit"
      correct=$((correct + hit))
      analogies=$((analogies + 1))
      ;;
    '' | '#'*) ;;
    *)
      echo "$queries: unknown query kind '$kind'; use pair or analogy" >&2
      exit 2
      ;;
  esac
done <"$queries"

printf 'summary\tmean_cosine\t%s\n' "$(awk -v s="$cosine_sum" -v n="$measured" 'BEGIN { printf "%.4f", n ? s / n : 0 }')"
printf 'summary\ttop10_pairs\t%s/%s\n' "$top10" "$pairs"
printf 'summary\tanalogies_correct\t%s/%s\n' "$correct" "$analogies"
