#include "runner/language/word2vec_sampling.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "runner/text/subsampling.h"

namespace runner::language {

namespace {

int64_t words_with_counts(const std::vector<int64_t>& counts) {
  int64_t seen = 0;
  for (int64_t count : counts) seen += count > 0 ? 1 : 0;
  return seen;
}

const std::vector<int64_t>& checked_counts(const std::vector<int64_t>& counts) {
  const int64_t seen = words_with_counts(counts);
  if (seen < 2) {
    throw std::invalid_argument(fmt::format(
        "negative sampling needs at least two distinct words in the training tokens, got {}", seen));
  }
  return counts;
}

template <typename Id>
void draw_other_than(const text::UnigramTable& table, Id target, Id* negatives, int64_t count,
                     std::mt19937_64& generator) {
  for (int64_t k = 0; k < count; ++k) {
    int64_t word = table.sample(generator);
    while (word == target) word = table.sample(generator);
    negatives[k] = static_cast<Id>(word);
  }
}

// p * 2^64 as an integer threshold, with p >= 1 meaning "always".
uint64_t fraction_of_two_to_64(double probability) {
  if (probability >= 1.0) return std::numeric_limits<uint64_t>::max();
  return static_cast<uint64_t>(std::ldexp(probability, 64));
}

}  // namespace

NegativeSampler::NegativeSampler(const std::vector<int64_t>& counts, double power)
    : table_(checked_counts(counts), power) {}

void NegativeSampler::draw(int64_t target, int64_t* negatives, int64_t count, std::mt19937_64& generator) const {
  draw_other_than(table_, target, negatives, count, generator);
}

void NegativeSampler::draw(int32_t target, int32_t* negatives, int64_t count, std::mt19937_64& generator) const {
  draw_other_than(table_, target, negatives, count, generator);
}

Subsampler::Subsampler(const std::vector<int64_t>& counts, double threshold) {
  const int64_t total = std::accumulate(counts.begin(), counts.end(), int64_t{0});
  keep_probabilities_.reserve(counts.size());
  keep_thresholds_.reserve(counts.size());
  for (int64_t count : counts) {
    const double keep = total > 0 ? text::keep_probability(count, total, threshold) : 1.0;
    keep_probabilities_.push_back(keep);
    keep_thresholds_.push_back(fraction_of_two_to_64(keep));
  }
}

bool Subsampler::keep(int32_t word, std::mt19937_64& generator) const {
  const uint64_t threshold = keep_thresholds_[static_cast<size_t>(word)];
  if (threshold == std::numeric_limits<uint64_t>::max()) return true;
  return generator() < threshold;
}

}  // namespace runner::language
