// Dropping frequent words during word2vec training.
#pragma once

#include <cstdint>

namespace runner::text {

// The probability of keeping one occurrence of a word seen `count` times among `total` tokens, with
// threshold t (word2vec's `sample`, typically 1e-3 to 1e-5). With f = count / total, this is
// (sqrt(f / t) + 1) * t / f, capped at 1: the rule of word2vec's C code, which keeps every word with
// f <= about 2.6 t. Returns 1 for count 0 or t <= 0 (subsampling off). Throws std::invalid_argument
// for total <= 0 or count > total.
double keep_probability(int64_t count, int64_t total, double threshold);

}  // namespace runner::text
