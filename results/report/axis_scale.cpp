#include "results/report/axis_scale.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace runner::results::report {

namespace {

// The smallest round step (1, 2, 2.5 or 5 times a power of ten) that is at least `rough_step`.
double round_step(double rough_step) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough_step)));
  const double fraction = rough_step / magnitude;  // in [1, 10)
  for (const double candidate : {1.0, 2.0, 2.5, 5.0}) {
    if (fraction <= candidate * (1.0 + 1e-9)) return candidate * magnitude;
  }
  return 10.0 * magnitude;
}

}  // namespace

double AxisScale::to_pixel(double value, double pixel_low, double pixel_high) const {
  return pixel_low + (value - low) / (high - low) * (pixel_high - pixel_low);
}

std::string AxisScale::label(double tick) const {
  // Snap values such as 0.30000000000000004 that come from adding up the step.
  if (std::abs(tick) < step * 1e-9) tick = 0.0;
  const double largest = std::max(std::abs(low), std::abs(high));
  if (largest >= 1e6 || largest < 1e-4) return fmt::format("{:.3g}", tick);

  int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  // A step of 2.5 times a power of ten needs one more decimal than the power itself.
  const double leading = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  if (std::abs(leading - 2.5) < 1e-6) ++decimals;
  return fmt::format("{:.{}f}", tick, decimals);
}

AxisScale make_axis_scale(double minimum, double maximum, int target_ticks, bool integers_only) {
  if (minimum > maximum) std::swap(minimum, maximum);
  if (maximum - minimum <= std::abs(maximum) * 1e-12) {
    // One value: centre it in a range that depends on its size, or in [v - 1, v + 1] around zero.
    const double half_width = minimum == 0.0 ? 1.0 : std::abs(minimum) * 0.1;
    minimum -= half_width;
    maximum += half_width;
  }

  double step = round_step((maximum - minimum) / std::max(1, target_ticks));
  if (integers_only) step = std::max(1.0, std::ceil(step));

  AxisScale scale;
  scale.step = step;
  scale.low = std::floor(minimum / step + 1e-9) * step;
  scale.high = std::ceil(maximum / step - 1e-9) * step;
  const auto intervals = static_cast<int>(std::llround((scale.high - scale.low) / step));
  for (int i = 0; i <= intervals; ++i) scale.ticks.push_back(scale.low + i * step);
  return scale;
}

}  // namespace runner::results::report
