#include "runner/text/unigram_table.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace runner::text {

namespace {

// `fraction` in [0, 1] as a threshold on a uniform 64-bit coin; 1 keeps the column on every coin.
uint64_t to_threshold(double fraction) {
  if (fraction >= 1.0) return std::numeric_limits<uint64_t>::max();
  if (fraction <= 0.0) return 0;
  return static_cast<uint64_t>(std::ldexp(fraction, 64));
}

}  // namespace

UnigramTable::UnigramTable(const std::vector<int64_t>& counts, double power) {
  if (counts.empty()) throw std::invalid_argument("a unigram table needs at least one count");

  double total = 0.0;
  probabilities_.resize(counts.size());
  for (size_t id = 0; id < counts.size(); ++id) {
    if (counts[id] < 0) throw std::invalid_argument(fmt::format("count {} of id {} is negative", counts[id], id));
    probabilities_[id] = counts[id] == 0 ? 0.0 : std::pow(static_cast<double>(counts[id]), power);
    total += probabilities_[id];
  }
  if (total <= 0.0) throw std::invalid_argument("a unigram table needs at least one positive count");
  for (double& probability : probabilities_) probability /= total;

  // Vose's construction: scale each probability by n, so that an average column contains exactly 1, then
  // fill each under-full column with the excess of an over-full one.
  const size_t n = probabilities_.size();
  std::vector<double> scaled(n);
  std::vector<size_t> under_full;
  std::vector<size_t> over_full;
  for (size_t id = 0; id < n; ++id) {
    scaled[id] = probabilities_[id] * static_cast<double>(n);
    (scaled[id] < 1.0 ? under_full : over_full).push_back(id);
  }

  thresholds_.assign(n, std::numeric_limits<uint64_t>::max());
  aliases_.resize(n);
  for (size_t id = 0; id < n; ++id) aliases_[id] = static_cast<int64_t>(id);
  while (!under_full.empty() && !over_full.empty()) {
    const size_t small = under_full.back();
    under_full.pop_back();
    const size_t large = over_full.back();
    over_full.pop_back();

    thresholds_[small] = to_threshold(scaled[small]);
    aliases_[small] = static_cast<int64_t>(large);
    scaled[large] -= 1.0 - scaled[small];
    (scaled[large] < 1.0 ? under_full : over_full).push_back(large);
  }
  // Columns left in either list hold 1 up to rounding error and keep their own id (threshold max).
}

int64_t UnigramTable::sample(std::mt19937_64& generator) const {
  const auto product = static_cast<unsigned __int128>(generator()) * thresholds_.size();
  const auto column = static_cast<size_t>(product >> 64);
  const auto coin = static_cast<uint64_t>(product);
  return coin < thresholds_[column] ? static_cast<int64_t>(column) : aliases_[column];
}

}  // namespace runner::text
