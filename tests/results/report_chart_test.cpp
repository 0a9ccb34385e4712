// The building blocks of the report: escaping, number formats, axis ticks, the colour scale and the
// SVG line chart on its own.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "report_test_support.h"
#include "results/report/axis_scale.h"
#include "results/report/heatmap.h"
#include "results/report/html_text.h"
#include "results/report/line_chart.h"

namespace runner::results::report {
namespace {

using testing::check_well_formed;
using testing::count_occurrences;
using testing::polyline_points;

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(escape_html("plain text, 0.5"), "plain text, 0.5");
  EXPECT_EQ(escape_html(""), "");
}

TEST(FormatMetric, FourSignificantDigitsAndNonFiniteNames) {
  EXPECT_EQ(format_metric(0.891234), "0.8912");
  EXPECT_EQ(format_metric(2.302585), "2.303");
  EXPECT_EQ(format_metric(std::nan("")), "NaN");
  EXPECT_EQ(format_metric(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(format_metric(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(FormatDuration, SecondsMinutesHours) {
  EXPECT_EQ(format_duration(4.25), "4.2 s");
  EXPECT_EQ(format_duration(725), "12 min 5 s");
  EXPECT_EQ(format_duration(3 * 3600 + 7 * 60), "3 h 7 min");
}

TEST(AxisScale, RoundTicksCoverTheRange) {
  const AxisScale scale = make_axis_scale(0.12, 0.93);
  EXPECT_DOUBLE_EQ(scale.low, 0.0);
  EXPECT_DOUBLE_EQ(scale.high, 1.0);
  EXPECT_DOUBLE_EQ(scale.step, 0.2);
  ASSERT_EQ(scale.ticks.size(), 6u);
  EXPECT_EQ(scale.label(scale.ticks[3]), "0.6") << "no 0.6000000000000001";
}

TEST(AxisScale, QuarterStepsKeepTwoDecimals) {
  const AxisScale scale = make_axis_scale(0.0, 1.0, 4);
  EXPECT_DOUBLE_EQ(scale.step, 0.25);
  EXPECT_EQ(scale.label(0.75), "0.75");
}

TEST(AxisScale, EpochAxisUsesWholeNumbers) {
  const AxisScale epochs = make_axis_scale(1, 3, 6, /*integers_only=*/true);
  EXPECT_DOUBLE_EQ(epochs.step, 1.0);
  EXPECT_EQ(epochs.label(2.0), "2");

  const AxisScale steps = make_axis_scale(0, 20000, 6, /*integers_only=*/true);
  EXPECT_DOUBLE_EQ(steps.step, 5000.0);
}

TEST(AxisScale, SingleValueGetsARange) {
  const AxisScale scale = make_axis_scale(5.0, 5.0);
  EXPECT_LT(scale.low, 5.0);
  EXPECT_GT(scale.high, 5.0);
  EXPECT_DOUBLE_EQ(scale.to_pixel(scale.low, 100, 0), 100.0);
  EXPECT_DOUBLE_EQ(scale.to_pixel(scale.high, 100, 0), 0.0);
}

TEST(HeatmapColour, PaleToDark) {
  EXPECT_EQ(heatmap_colour(0.0), "#f2efe4");
  EXPECT_EQ(heatmap_colour(1.0), "#23325e");
  EXPECT_EQ(heatmap_colour(-1.0), heatmap_colour(0.0)) << "clamped";
}

TEST(LineChart, NonFinitePointsSkippedAndMarked) {
  LineChart chart;
  chart.kind = "loss";
  chart.title = "Loss per epoch";
  chart.x_label = "epoch";
  chart.y_label = "loss";
  chart.series.push_back({"train_loss", "#c8553d", true, {{1, 2.0}, {2, 1.0}, {3, 0.5}}});
  chart.series.push_back({"test_loss", "#1f5f99", false, {{1, 2.1}, {2, std::nan("")}, {3, 0.7}}});

  const std::string svg = render_line_chart(chart);

  EXPECT_EQ(check_well_formed(svg), "");
  EXPECT_EQ(polyline_points(svg, "train_loss"), 3);
  EXPECT_EQ(polyline_points(svg, "test_loss"), 2);
  EXPECT_EQ(count_non_finite(chart), 1u);
  EXPECT_EQ(count_occurrences(svg, "<g class=\"non-finite\""), 1u);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos) << "the training curve is dashed";
  EXPECT_NE(svg.find("NaN or infinite, not drawn"), std::string::npos) << "legend entry for the marks";
}

TEST(LineChart, HigherValuesAreDrawnHigher) {
  LineChart chart;
  chart.series.push_back({"test_accuracy", "#1f5f99", false, {{1, 0.2}, {2, 0.9}}});
  const std::string svg = render_line_chart(chart);

  const std::string points = testing::between(svg, "points=\"", "\"");
  const std::string first = points.substr(8, points.find(' ') - 8);
  const std::string second = points.substr(points.find(' ') + 1);
  const double first_y = std::stod(first.substr(first.find(',') + 1));
  const double second_y = std::stod(second.substr(second.find(',') + 1));
  EXPECT_LT(second_y, first_y) << "SVG y grows downwards, so the larger value has the smaller y";
}

}  // namespace
}  // namespace runner::results::report
