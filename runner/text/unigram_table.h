// Drawing words in proportion to count^power, as word2vec draws its negative samples (power 0.75).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace runner::text {

// Walker's alias method: O(vocabulary) to build, O(1) per draw.
class UnigramTable {
 public:
  // Throws std::invalid_argument for a negative count, or when every count is 0.
  explicit UnigramTable(const std::vector<int64_t>& counts, double power = 0.75);

  // One id in [0, size()). Uses exactly one 64-bit draw: its product with size() gives the column
  // (high 64 bits) and a uniform fraction for the alias coin (low 64 bits), so the sequence of ids
  // depends only on the generator's seed, on every platform.
  int64_t sample(std::mt19937_64& generator) const;

  // The probability of drawing `id`: count^power / sum of count^power.
  double probability(int64_t id) const { return probabilities_[static_cast<size_t>(id)]; }
  int64_t size() const { return static_cast<int64_t>(probabilities_.size()); }

 private:
  std::vector<double> probabilities_;
  std::vector<uint64_t> thresholds_;  // keep column i when the coin is below thresholds_[i], as a fraction of 2^64
  std::vector<int64_t> aliases_;      // the id drawn otherwise
};

}  // namespace runner::text
