#include "results/report/sweep_grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "results/report/report_error.h"
#include "runner/suggest.h"

namespace runner::results::report {

namespace {

constexpr const char* kSeedParameter = "seed";

// The distinct values of one parameter across the runs, in ParamValue order.
std::vector<ParamValue> distinct_values(const std::vector<RunData>& runs, const std::string& name) {
  std::set<ParamValue> values;
  for (const auto& run : runs) {
    const auto found = run.params.find(name);
    if (found != run.params.end()) values.insert(found->second);
  }
  return {values.begin(), values.end()};
}

std::string check_varied(const std::vector<std::string>& varied, const std::string& option,
                         const std::string& name) {
  if (std::find(varied.begin(), varied.end(), name) != varied.end()) return name;
  throw ReportError(fmt::format("{} {}: the sweep does not vary this parameter", option, name),
                    suggest_names(name, varied));
}

size_t index_of(const std::vector<ParamValue>& values, const ParamValue& value) {
  return static_cast<size_t>(std::find(values.begin(), values.end(), value) - values.begin());
}

std::vector<std::string> labels(const std::vector<ParamValue>& values) {
  std::vector<std::string> texts;
  for (const auto& value : values) texts.push_back(value.text);
  return texts;
}

}  // namespace

std::vector<std::string> varied_parameters(const std::vector<RunData>& runs) {
  std::set<std::string> names;
  for (const auto& run : runs) {
    for (const auto& [name, value] : run.params) names.insert(name);
  }

  std::vector<std::string> varied;
  for (const auto& name : names) {
    if (name != kSeedParameter && distinct_values(runs, name).size() > 1) varied.push_back(name);
  }
  return varied;
}

std::vector<std::string> summarized_metrics(const std::vector<PointStatistics>& statistics) {
  std::set<std::string> names;
  for (const auto& row : statistics) names.insert(row.metric);
  return {names.begin(), names.end()};
}

std::optional<std::string> choose_metric(const std::vector<PointStatistics>& statistics,
                                         const std::optional<std::string>& requested) {
  const auto metrics = summarized_metrics(statistics);
  const auto contains = [&](const std::string& name) {
    return std::find(metrics.begin(), metrics.end(), name) != metrics.end();
  };

  if (requested) {
    if (contains(*requested)) return requested;
    if (metrics.empty()) {
      throw ReportError(fmt::format("--metric {}: no completed run of the sweep has final metrics yet", *requested),
                        "report the sweep again when a run has completed");
    }
    throw ReportError(fmt::format("--metric {}: the sweep's completed runs did not record this metric", *requested),
                      suggest_names(*requested, metrics));
  }

  for (const auto& name : kFallbackMetrics) {
    if (contains(name)) return name;
  }
  if (metrics.empty()) return std::nullopt;
  return metrics.front();
}

std::optional<HeatmapAxes> choose_heatmap_axes(const std::vector<std::string>& varied,
                                               const std::optional<std::string>& requested_x,
                                               const std::optional<std::string>& requested_y) {
  if (varied.empty()) {
    if (requested_x || requested_y) {
      throw ReportError(fmt::format("--{} {}: the sweep varies no parameter other than the seed",
                                    requested_x ? "x" : "y", requested_x ? *requested_x : *requested_y),
                        "leave out --x and --y; the report then shows the points table without a heatmap");
    }
    return std::nullopt;
  }

  HeatmapAxes axes;
  if (requested_x) axes.x = check_varied(varied, "--x", *requested_x);
  if (requested_y) axes.y = check_varied(varied, "--y", *requested_y);
  if (requested_x && requested_y && axes.x == axes.y) {
    throw ReportError(fmt::format("--x and --y both name {}", axes.x),
                      "choose two different parameters from: " + join_names(varied));
  }

  // Fill the axes that were not requested with the first varied parameters not used yet.
  for (const auto& name : varied) {
    if (axes.x.empty() && name != axes.y) axes.x = name;
    if (axes.y.empty() && name != axes.x) axes.y = name;
  }
  if (axes.x.empty()) {
    // Only --y was given and the sweep varies just that parameter: draw it along the columns.
    std::swap(axes.x, axes.y);
  }
  return axes;
}

Heatmap build_heatmap(const std::vector<RunData>& runs, const std::vector<PointStatistics>& statistics,
                      const std::string& metric, const HeatmapAxes& axes) {
  const auto x_values = distinct_values(runs, axes.x);
  const auto y_values = axes.y.empty() ? std::vector<ParamValue>{ParamValue{}} : distinct_values(runs, axes.y);

  // Sums of n * mean and of n per cell, so that each cell's mean is the mean over its runs.
  std::map<std::pair<size_t, size_t>, std::pair<double, int64_t>> sums;
  for (const auto& row : statistics) {
    if (row.metric != metric) continue;

    const auto x = row.params.find(axes.x);
    if (x == row.params.end()) continue;
    size_t row_index = 0;
    if (!axes.y.empty()) {
      const auto y = row.params.find(axes.y);
      if (y == row.params.end()) continue;
      row_index = index_of(y_values, y->second);
    }
    const size_t column_index = index_of(x_values, x->second);
    if (row_index >= y_values.size() || column_index >= x_values.size()) continue;

    auto& [weighted_sum, n] = sums[{row_index, column_index}];
    weighted_sum += row.mean * static_cast<double>(row.n);
    n += row.n;
  }

  Heatmap heatmap;
  heatmap.metric = metric;
  heatmap.x_name = axes.x;
  heatmap.y_name = axes.y;
  heatmap.x_labels = labels(x_values);
  heatmap.y_labels = labels(y_values);
  heatmap.cells.assign(y_values.size(), std::vector<HeatmapCell>(x_values.size()));
  for (const auto& [position, sum] : sums) {
    if (sum.second == 0) continue;
    auto& cell = heatmap.cells[position.first][position.second];
    cell.mean = sum.first / static_cast<double>(sum.second);
    cell.n = sum.second;
  }
  return heatmap;
}

}  // namespace runner::results::report
