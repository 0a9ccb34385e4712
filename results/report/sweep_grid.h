// The sweep's heatmap: which parameters span it, which metric fills it, and the mean in each cell.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/report/heatmap.h"
#include "results/report/report_data.h"

namespace runner::results::report {

// The metrics tried in this order when the request names none: classification runs record
// test_accuracy, language runs held_out_loss.
inline const std::vector<std::string> kFallbackMetrics = {"test_accuracy", "held_out_loss", "test_loss",
                                                          "perplexity", "loss", "train_loss"};

struct HeatmapAxes {
  std::string x;
  std::string y;  // empty when the sweep varies only one parameter
};

// Returns the parameters other than seed that take more than one value across the runs, in name order.
std::vector<std::string> varied_parameters(const std::vector<RunData>& runs);

// Returns the metric names of the statistics, in name order.
std::vector<std::string> summarized_metrics(const std::vector<PointStatistics>& statistics);

// Returns the requested metric, or without a request the first of kFallbackMetrics that the statistics
// contain, or else their first metric; nullopt when there are no statistics. Throws ReportError when the
// requested metric is not among them, listing those that are.
std::optional<std::string> choose_metric(const std::vector<PointStatistics>& statistics,
                                         const std::optional<std::string>& requested);

// Returns the requested axes, or by default the first two varied parameters; nullopt when none varies.
// Throws ReportError when a requested parameter is not varied, listing those that are, or when x and y
// name the same parameter.
std::optional<HeatmapAxes> choose_heatmap_axes(const std::vector<std::string>& varied,
                                               const std::optional<std::string>& requested_x,
                                               const std::optional<std::string>& requested_y);

// Builds the heatmap of `metric`: columns are the values of axes.x and rows the values of axes.y that
// the runs take, and each cell is the mean over every completed run at that pair of values, so over the
// seeds and, when the sweep varies more parameters, over those too. Each point's mean from seed_summary
// is weighted by its n, which gives the mean over its runs.
Heatmap build_heatmap(const std::vector<RunData>& runs, const std::vector<PointStatistics>& statistics,
                      const std::string& metric, const HeatmapAxes& axes);

}  // namespace runner::results::report
