#include "results/report/heatmap.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "results/report/html_text.h"

namespace runner::results::report {

namespace {

// NOTE: a column label longer than about 13 characters at 12 px overlaps its neighbours, because labels
// are neither wrapped nor shortened.
constexpr double kCellWidth = 96;
constexpr double kCellHeight = 44;
constexpr double kTop = 40;             // room for the title
constexpr double kBottom = 56;          // room for the x values and the x parameter name
constexpr double kCharacterWidth = 7;   // an estimate for the 12 px labels
constexpr double kColourBarWidth = 16;
constexpr double kColourBarGap = 28;
constexpr double kColourBarLabels = 90;  // room for the value labels right of the colour bar
constexpr const char* kEmptyCellColour = "#e3e3e3";

struct Rgb {
  double red, green, blue;
};

// A sequential scale from pale (smallest mean) to dark (largest mean), so the order of two cells can be
// read from their lightness alone, also in greyscale.
constexpr std::array<std::pair<double, Rgb>, 4> kColourStops = {{
    {0.0, {242, 239, 228}},
    {0.35, {156, 207, 176}},
    {0.7, {58, 138, 156}},
    {1.0, {35, 50, 94}},
}};

Rgb colour_at(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  for (size_t i = 1; i < kColourStops.size(); ++i) {
    const auto& [end, end_colour] = kColourStops[i];
    if (fraction > end) continue;

    const auto& [start, start_colour] = kColourStops[i - 1];
    const double t = (fraction - start) / (end - start);
    return Rgb{start_colour.red + t * (end_colour.red - start_colour.red),
               start_colour.green + t * (end_colour.green - start_colour.green),
               start_colour.blue + t * (end_colour.blue - start_colour.blue)};
  }
  return kColourStops.back().second;
}

// Dark text on light cells and white text on dark ones, by relative luminance (Rec. 709 weights).
const char* text_colour(double fraction) {
  const Rgb colour = colour_at(fraction);
  const double luminance = (0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue) / 255.0;
  return luminance > 0.5 ? "#1a1a1a" : "#ffffff";
}

struct MeanRange {
  double low = 0.0;
  double high = 0.0;
  bool empty = true;

  double fraction(double value) const { return high > low ? (value - low) / (high - low) : 0.5; }
};

MeanRange mean_range(const Heatmap& heatmap) {
  MeanRange range;
  range.low = std::numeric_limits<double>::infinity();
  range.high = -std::numeric_limits<double>::infinity();
  for (const auto& row : heatmap.cells) {
    for (const auto& cell : row) {
      if (!cell.mean || !std::isfinite(*cell.mean)) continue;
      range.low = std::min(range.low, *cell.mean);
      range.high = std::max(range.high, *cell.mean);
      range.empty = false;
    }
  }
  return range;
}

double longest_label(const std::vector<std::string>& labels) {
  size_t longest = 0;
  for (const auto& label : labels) longest = std::max(longest, label.size());
  return kCharacterWidth * static_cast<double>(longest);
}

std::string render_cell(const Heatmap& heatmap, size_t row, size_t column, double x, double y,
                        const MeanRange& range) {
  const HeatmapCell& cell = heatmap.cells[row][column];
  std::string where = heatmap.x_name + " = " + heatmap.x_labels[column];
  if (!heatmap.y_name.empty()) where += ", " + heatmap.y_name + " = " + heatmap.y_labels[row];

  std::string svg = fmt::format(R"(<g class="cell" data-x="{}" data-y="{}")", escape_html(heatmap.x_labels[column]),
                                escape_html(heatmap.y_labels[row]));
  if (!cell.mean) {
    svg += fmt::format(R"( data-n="0"><title>{}: no completed run</title>)", escape_html(where));
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}" fill="{}"/>)", x, y, kCellWidth,
                       kCellHeight, kEmptyCellColour);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">-</text></g>)", x + kCellWidth / 2,
                       y + kCellHeight / 2 + 4);
    return svg;
  }

  const double fraction = range.fraction(*cell.mean);
  const Rgb colour = colour_at(fraction);
  svg += fmt::format(R"( data-mean="{}" data-n="{}"><title>{}: mean {} {} over {} runs</title>)", *cell.mean, cell.n,
                     escape_html(where), escape_html(heatmap.metric), format_metric(*cell.mean), cell.n);
  svg += fmt::format(R"svg(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}" fill="rgb({:.0f},{:.0f},{:.0f})"/>)svg", x, y,
                     kCellWidth, kCellHeight, colour.red, colour.green, colour.blue);
  svg += fmt::format(R"(<text class="value" x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">{}</text>)",
                     x + kCellWidth / 2, y + 20, text_colour(fraction), format_metric(*cell.mean));
  svg += fmt::format(R"(<text class="count" x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="{}">n={}</text></g>)",
                     x + kCellWidth / 2, y + 35, text_colour(fraction), cell.n);
  return svg;
}

std::string render_colour_bar(const MeanRange& range, double x, double top, double height) {
  std::string svg = R"(<g class="colour-scale"><defs><linearGradient id="heatmap-colour-scale" x1="0" y1="1" x2="0" y2="0">)";
  for (const auto& [offset, colour] : kColourStops) {
    svg += fmt::format(R"svg(<stop offset="{}" stop-color="rgb({:.0f},{:.0f},{:.0f})"/>)svg", offset, colour.red,
                       colour.green, colour.blue);
  }
  svg += "</linearGradient></defs>";
  svg += fmt::format(R"svg(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{:.1f}" fill="url(#heatmap-colour-scale)" stroke="#888"/>)svg",
                     x, top, kColourBarWidth, height);

  if (!range.empty) {
    const double middle = (range.low + range.high) / 2;
    const double label_x = x + kColourBarWidth + 6;
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}">{} (max)</text>)", label_x, top + 10,
                       format_metric(range.high));
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}">{}</text>)", label_x, top + height / 2 + 4,
                       format_metric(middle));
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}">{} (min)</text>)", label_x, top + height,
                       format_metric(range.low));
  }
  svg += "</g>";
  return svg;
}

}  // namespace

std::string heatmap_colour(double fraction) {
  const Rgb colour = colour_at(fraction);
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(colour.red)),
                     static_cast<int>(std::lround(colour.green)), static_cast<int>(std::lround(colour.blue)));
}

std::string render_heatmap(const Heatmap& heatmap) {
  const MeanRange range = mean_range(heatmap);
  const size_t rows = heatmap.y_labels.size();
  const size_t columns = heatmap.x_labels.size();

  const double grid_left = 34 + std::max(40.0, longest_label(heatmap.y_labels)) + 10;
  const double grid_width = kCellWidth * static_cast<double>(columns);
  const double grid_height = kCellHeight * static_cast<double>(rows);
  const double bar_height = std::max(grid_height, 120.0);
  const double width = grid_left + grid_width + kColourBarGap + kColourBarWidth + kColourBarLabels;
  const double height = kTop + std::max(grid_height, bar_height) + kBottom;

  std::string title = heatmap.metric + ", mean over seeds";
  std::string svg = fmt::format(
      R"(<svg class="heatmap" data-metric="{0}" width="{1:.0f}" height="{2:.0f}" viewBox="0 0 {1:.0f} {2:.0f}" role="img" aria-label="{3}">)",
      escape_html(heatmap.metric), width, height, escape_html(title));
  svg += fmt::format(R"(<text class="title" x="{:.1f}" y="22">{}</text>)", grid_left, escape_html(title));

  for (size_t row = 0; row < rows; ++row) {
    const double y = kTop + kCellHeight * static_cast<double>(row);
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)", grid_left - 8,
                       y + kCellHeight / 2 + 4, escape_html(heatmap.y_labels[row]));
    for (size_t column = 0; column < columns; ++column) {
      svg += render_cell(heatmap, row, column, grid_left + kCellWidth * static_cast<double>(column), y, range);
    }
  }

  for (size_t column = 0; column < columns; ++column) {
    svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)",
                       grid_left + kCellWidth * (static_cast<double>(column) + 0.5), kTop + grid_height + 18,
                       escape_html(heatmap.x_labels[column]));
  }
  svg += fmt::format(R"(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)",
                     grid_left + grid_width / 2, kTop + grid_height + 40, escape_html(heatmap.x_name));
  if (!heatmap.y_name.empty()) {
    const double y_middle = kTop + grid_height / 2;
    svg += fmt::format(
        R"svg(<text class="label" x="16" y="{0:.1f}" text-anchor="middle" transform="rotate(-90 16 {0:.1f})">{1}</text>)svg",
        y_middle, escape_html(heatmap.y_name));
  }

  svg += render_colour_bar(range, grid_left + grid_width + kColourBarGap, kTop, bar_height);
  svg += "</svg>";
  return svg;
}

}  // namespace runner::results::report
