// A heatmap of one final metric over two swept parameters, drawn as inline SVG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace runner::results::report {

struct HeatmapCell {
  std::optional<double> mean;  // nullopt when no completed run has these parameter values
  int64_t n = 0;               // completed runs that the mean is taken over
};

struct Heatmap {
  std::string metric;
  std::string x_name;  // the parameter along the columns
  std::string y_name;  // the parameter along the rows; empty when the sweep varies only x_name
  std::vector<std::string> x_labels;
  std::vector<std::string> y_labels;            // one empty label when y_name is empty
  std::vector<std::vector<HeatmapCell>> cells;  // cells[row][column]: y_labels.size() rows of x_labels.size()
};

// Draws the heatmap as an <svg> element: one rectangle per cell coloured by its mean on a shared scale,
// the mean and n written in the cell, parameter values and names on both axes, and a colour bar that
// maps the smallest and largest mean to colours. Cells without a mean are grey and show a dash.
std::string render_heatmap(const Heatmap& heatmap);

// The colour of a value at `fraction` of the way from the smallest mean (0) to the largest (1), as #rrggbb.
std::string heatmap_colour(double fraction);

}  // namespace runner::results::report
