#include "runner/data/label_noise.h"

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace runner::data {
namespace {

// Returns a uniform integer in [0, bound) by rejection. std::uniform_int_distribution is not used because
// its algorithm, and so its output for a given engine state, differs between standard libraries.
uint64_t draw_below(std::mt19937_64& engine, uint64_t bound) {
  // 2^64 mod bound draws at the bottom of the range are rejected, so the accepted range is a whole
  // number of copies of [0, bound) and the remainder is unbiased.
  const uint64_t rejected = (0 - bound) % bound;
  while (true) {
    const uint64_t draw = engine();
    if (draw >= rejected) {
      return draw % bound;
    }
  }
}

void check_arguments(const std::vector<int64_t>& labels, int64_t num_classes, double rate, int64_t changes) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument("label noise rate must be in [0, 1], got " + std::to_string(rate));
  }
  if (changes > 0 && num_classes < 2) {
    throw std::invalid_argument("label noise needs at least 2 classes, got " + std::to_string(num_classes));
  }
  for (size_t index = 0; index < labels.size(); ++index) {
    if (labels[index] < 0 || labels[index] >= num_classes) {
      throw std::invalid_argument("label " + std::to_string(labels[index]) + " at index " + std::to_string(index) +
                                  " is outside [0, " + std::to_string(num_classes) + ")");
    }
  }
}

}  // namespace

int64_t apply_label_noise(std::vector<int64_t>& labels, int64_t num_classes, double rate, uint64_t seed) {
  const auto size = static_cast<uint64_t>(labels.size());
  const auto changes = static_cast<int64_t>(std::llround(rate * static_cast<double>(size)));
  check_arguments(labels, num_classes, rate, changes);

  std::mt19937_64 engine(seed);
  std::vector<uint64_t> order(size);
  std::iota(order.begin(), order.end(), uint64_t{0});

  // Partial Fisher-Yates: after step i, order[0..i] is a uniform sample of distinct indices.
  for (uint64_t step = 0; step < static_cast<uint64_t>(changes); ++step) {
    std::swap(order[step], order[step + draw_below(engine, size - step)]);
    int64_t& label = labels[order[step]];

    // Draw from the other num_classes - 1 classes by skipping over the current one.
    auto replacement = static_cast<int64_t>(draw_below(engine, static_cast<uint64_t>(num_classes - 1)));
    if (replacement >= label) {
      ++replacement;
    }
    label = replacement;
  }
  return changes;
}

}  // namespace runner::data
