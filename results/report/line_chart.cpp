#include "results/report/line_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "results/report/axis_scale.h"
#include "results/report/html_text.h"

namespace runner::results::report {

namespace {

// Chart geometry in SVG user units (CSS pixels at 100 % zoom).
constexpr double kWidth = 560;
constexpr double kHeight = 330;
constexpr double kLeft = 70;     // room for y tick labels and the y axis label
constexpr double kRight = 20;
constexpr double kTop = 36;      // room for the title
constexpr double kBottom = 80;   // room for x tick labels, the x axis label and the legend
constexpr double kPlotLeft = kLeft;
constexpr double kPlotRight = kWidth - kRight;
constexpr double kPlotTop = kTop;
constexpr double kPlotBottom = kHeight - kBottom;

// Dots on the line help to read short curves but clutter long per-step curves.
constexpr size_t kMaxDottedPoints = 60;

constexpr const char* kNonFiniteColour = "#c0392b";

struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();

  void include(double value) {
    low = std::min(low, value);
    high = std::max(high, value);
  }
  bool empty() const { return low > high; }
};

struct Scales {
  AxisScale x;
  AxisScale y;

  double px(double value) const { return x.to_pixel(value, kPlotLeft, kPlotRight); }
  double py(double value) const { return y.to_pixel(value, kPlotBottom, kPlotTop); }
};

Scales make_scales(const LineChart& chart) {
  Range x_range;
  Range y_range;
  for (const auto& series : chart.series) {
    for (const auto& point : series.points) {
      x_range.include(point.x);
      if (std::isfinite(point.y)) y_range.include(point.y);
    }
  }
  if (x_range.empty()) x_range = Range{0.0, 1.0};
  if (y_range.empty()) y_range = Range{0.0, 1.0};

  return Scales{make_axis_scale(x_range.low, x_range.high, 6, chart.integer_x),
                make_axis_scale(y_range.low, y_range.high, 5, false)};
}

std::string render_axes(const LineChart& chart, const Scales& scales) {
  std::string svg;

  // Horizontal grid lines with the y tick labels.
  for (const double tick : scales.y.ticks) {
    const double y = scales.py(tick);
    svg += fmt::format(R"(<line class="grid" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>)", kPlotLeft, y,
                       kPlotRight, y);
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)", kPlotLeft - 6,
                       y + 4, escape_html(scales.y.label(tick)));
  }

  // Tick marks and labels on the x axis.
  for (const double tick : scales.x.ticks) {
    const double x = scales.px(tick);
    svg += fmt::format(R"(<line class="axis" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>)", x, kPlotBottom,
                       x, kPlotBottom + 5);
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)", x,
                       kPlotBottom + 18, escape_html(scales.x.label(tick)));
  }

  svg += fmt::format(R"(<line class="axis" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)", kPlotLeft,
                     kPlotTop, kPlotBottom);
  svg += fmt::format(R"(<line class="axis" x1="{0:.1f}" y1="{2:.1f}" x2="{1:.1f}" y2="{2:.1f}"/>)", kPlotLeft,
                     kPlotRight, kPlotBottom);

  svg += fmt::format(R"(<text class="title" x="{:.1f}" y="22" text-anchor="middle">{}</text>)",
                     (kPlotLeft + kPlotRight) / 2, escape_html(chart.title));
  svg += fmt::format(R"(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)",
                     (kPlotLeft + kPlotRight) / 2, kPlotBottom + 38, escape_html(chart.x_label));
  const double y_middle = (kPlotTop + kPlotBottom) / 2;
  svg += fmt::format(
      R"svg(<text class="label" x="16" y="{0:.1f}" text-anchor="middle" transform="rotate(-90 16 {0:.1f})">{1}</text>)svg",
      y_middle, escape_html(chart.y_label));
  return svg;
}

std::string render_series(const ChartSeries& series, const Scales& scales) {
  std::vector<ChartPoint> finite;
  for (const auto& point : series.points) {
    if (std::isfinite(point.y)) finite.push_back(point);
  }

  std::string coordinates;
  for (const auto& point : finite) {
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += fmt::format("{:.1f},{:.1f}", scales.px(point.x), scales.py(point.y));
  }

  const std::string dash = series.dashed ? R"( stroke-dasharray="6 4")" : "";
  std::string svg = fmt::format(
      R"(<polyline class="series" data-series="{}" fill="none" stroke="{}" stroke-width="2"{} points="{}"><title>{}</title></polyline>)",
      escape_html(series.name), escape_html(series.colour), dash, coordinates, escape_html(series.name));

  if (finite.size() <= kMaxDottedPoints) {
    for (const auto& point : finite) {
      svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>)", scales.px(point.x),
                         scales.py(point.y), escape_html(series.colour));
    }
  }
  return svg;
}

std::string render_non_finite_marks(const LineChart& chart, const Scales& scales) {
  std::string svg;
  for (size_t index = 0; index < chart.series.size(); ++index) {
    const ChartSeries& series = chart.series[index];
    for (const auto& point : series.points) {
      if (std::isfinite(point.y)) continue;

      // One row of marks per series, so that two series that fail at the same step both show.
      const double x = scales.px(point.x);
      const double y = kPlotTop + 6 + 11 * static_cast<double>(index);
      svg += fmt::format(
          R"(<g class="non-finite" data-series="{0}" stroke="{1}" stroke-width="2"><title>{0} at {2} {3} is {4}, not drawn</title>)"
          R"(<line x1="{5:.1f}" y1="{6:.1f}" x2="{7:.1f}" y2="{8:.1f}"/><line x1="{5:.1f}" y1="{8:.1f}" x2="{7:.1f}" y2="{6:.1f}"/></g>)",
          escape_html(series.name), kNonFiniteColour, escape_html(chart.x_label), point.x, format_metric(point.y),
          x - 4, y - 4, x + 4, y + 4);
    }
  }
  return svg;
}

std::string render_legend(const LineChart& chart) {
  std::string svg = R"(<g class="legend">)";
  double x = kPlotLeft;
  const double y = kHeight - 14;
  for (const auto& series : chart.series) {
    const std::string dash = series.dashed ? R"( stroke-dasharray="6 4")" : "";
    svg += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="2"{}/>)", x,
                       y - 4, x + 24, y - 4, escape_html(series.colour), dash);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}">{}</text>)", x + 30, y, escape_html(series.name));
    // An estimate of the text width: about 7 units per character at the legend's 12 px font size.
    x += 30 + 7.0 * static_cast<double>(series.name.size()) + 20;
  }

  if (count_non_finite(chart) > 0) {
    svg += fmt::format(
        R"(<g stroke="{}" stroke-width="2"><line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/><line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/></g>)",
        kNonFiniteColour, x, y - 8, x + 8, y, x, y, x + 8, y - 8);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}">NaN or infinite, not drawn</text>)", x + 14, y);
  }
  svg += "</g>";
  return svg;
}

}  // namespace

size_t count_non_finite(const LineChart& chart) {
  size_t count = 0;
  for (const auto& series : chart.series) {
    count += static_cast<size_t>(std::count_if(series.points.begin(), series.points.end(),
                                               [](const ChartPoint& point) { return !std::isfinite(point.y); }));
  }
  return count;
}

std::string render_line_chart(const LineChart& chart) {
  const Scales scales = make_scales(chart);

  std::string svg = fmt::format(
      R"(<svg class="chart" data-chart="{0}" width="{1}" height="{2}" viewBox="0 0 {1} {2}" role="img" aria-label="{3}">)",
      escape_html(chart.kind), kWidth, kHeight, escape_html(chart.title));
  svg += render_axes(chart, scales);
  for (const auto& series : chart.series) svg += render_series(series, scales);
  svg += render_non_finite_marks(chart, scales);
  svg += render_legend(chart);
  svg += "</svg>";
  return svg;
}

}  // namespace runner::results::report
