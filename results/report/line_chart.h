// Line charts of metrics against epochs or steps, drawn as inline SVG.
#pragma once

#include <string>
#include <vector>

namespace runner::results::report {

struct ChartPoint {
  double x = 0.0;  // epoch or step
  double y = 0.0;  // may be NaN or infinite, and such points are skipped and marked on the chart
};

struct ChartSeries {
  std::string name;    // the metric name, shown in the legend
  std::string colour;  // CSS colour of the line
  bool dashed = false;
  std::vector<ChartPoint> points;  // in order of x
};

struct LineChart {
  std::string kind;  // data-chart attribute of the SVG element, e.g. "loss", so tests and styles can find it
  std::string title;
  std::string x_label;
  std::string y_label;
  bool integer_x = true;  // epochs and steps get whole-number ticks
  std::vector<ChartSeries> series;
};

// Draws the chart as an <svg> element with axes, ticks, tick labels, axis labels and a legend. Each series
// is one <polyline> through its finite points, in order. A point whose value is NaN or infinite is left
// out of the line and marked with a red cross near the top edge of the plot at its x position, one row of
// crosses per series.
std::string render_line_chart(const LineChart& chart);

// Returns the number of points in the chart whose value is NaN or infinite.
size_t count_non_finite(const LineChart& chart);

}  // namespace runner::results::report
