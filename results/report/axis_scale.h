// Axis ranges with round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) for the SVG charts.
#pragma once

#include <string>
#include <vector>

namespace runner::results::report {

struct AxisScale {
  double low = 0.0;   // first tick, at or below the smallest value
  double high = 1.0;  // last tick, at or above the largest value
  double step = 0.2;
  std::vector<double> ticks;  // low, low + step, ..., high

  // Maps a value in [low, high] linearly onto [pixel_low, pixel_high].
  double to_pixel(double value, double pixel_low, double pixel_high) const;

  // A tick label with as many decimals as the step needs: 0.25 steps print 0.25, 0.5, 0.75.
  std::string label(double tick) const;
};

// Covers [minimum, maximum] with about `target_ticks` round ticks. An empty range (minimum == maximum)
// is widened around the value. With `integers_only` the step is a whole number of at least 1, for
// epoch and step axes. Both bounds must be finite.
AxisScale make_axis_scale(double minimum, double maximum, int target_ticks = 5, bool integers_only = false);

}  // namespace runner::results::report
