#include "runner/text/subsampling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace runner::text {

double keep_probability(int64_t count, int64_t total, double threshold) {
  if (total <= 0) throw std::invalid_argument(fmt::format("the token total must be positive, got {}", total));
  if (count < 0 || count > total) {
    throw std::invalid_argument(fmt::format("a word count must be in [0, {}], got {}", total, count));
  }
  if (count == 0 || threshold <= 0.0) return 1.0;

  const double frequency = static_cast<double>(count) / static_cast<double>(total);
  const double keep = (std::sqrt(frequency / threshold) + 1.0) * threshold / frequency;
  return std::min(keep, 1.0);
}

}  // namespace runner::text
