// The two random choices of word2vec's negative sampling: which words serve as negatives, and which
// occurrences of frequent words training skips (subsampling).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "runner/text/unigram_table.h"

namespace runner::language {

// Draws negative words from the unigram distribution raised to a power (3/4 by default), never the
// example's own target.
class NegativeSampler {
 public:
  // `counts` (vocabulary,) are the training counts. Throws std::invalid_argument when fewer than two
  // words have a count above 0, because then every draw would be the target.
  explicit NegativeSampler(const std::vector<int64_t>& counts, double power = 0.75);

  // Fills negatives[0..count) with draws other than `target`. A draw equal to the target is drawn
  // again, as fastText does, so every example gets exactly `count` negatives.
  void draw(int64_t target, int64_t* negatives, int64_t count, std::mt19937_64& generator) const;
  void draw(int32_t target, int32_t* negatives, int64_t count, std::mt19937_64& generator) const;

 private:
  text::UnigramTable table_;
};

// Keeps each occurrence of word w with probability text::keep_probability(count_w, total, t), and
// drops it otherwise, so frequent words like "the" and "and" appear less often.
class Subsampler {
 public:
  // `counts` (vocabulary,) are the training counts; threshold <= 0 keeps every occurrence.
  Subsampler(const std::vector<int64_t>& counts, double threshold);

  bool keep(int32_t word, std::mt19937_64& generator) const;
  double keep_probability(int32_t word) const { return keep_probabilities_[static_cast<size_t>(word)]; }

 private:
  // Per word, the keep probability as a fraction of 2^64, so that one 64-bit draw decides.
  // UINT64_MAX means always keep.
  std::vector<uint64_t> keep_thresholds_;
  std::vector<double> keep_probabilities_;
};

}  // namespace runner::language
