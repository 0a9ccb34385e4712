#include "results/metric_value.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace runner::results {

namespace {

constexpr const char* kNaNText = "NaN";
constexpr const char* kInfinityText = "Infinity";
constexpr const char* kNegativeInfinityText = "-Infinity";

}  // namespace

std::string encode_non_finite(double value) {
  assert(!std::isfinite(value));
  if (std::isnan(value)) return kNaNText;
  return value > 0 ? kInfinityText : kNegativeInfinityText;
}

std::optional<double> decode_non_finite(const std::string& text) {
  if (text == kNaNText) return std::numeric_limits<double>::quiet_NaN();
  if (text == kInfinityText) return std::numeric_limits<double>::infinity();
  if (text == kNegativeInfinityText) return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

}  // namespace runner::results
