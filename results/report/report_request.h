// What `runner report` is asked to show, and what it wrote.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace runner::results::report {

struct ReportRequest {
  std::filesystem::path database = "results/runs.db";
  std::filesystem::path output;
  std::optional<int64_t> sweep_id;  // report every run of this sweep, with the points table and heatmap
  std::vector<int64_t> run_ids;     // or report these runs; one of the two must be given
  // The final metric of the points table's first column and of the heatmap. nullopt: test_accuracy, or
  // the first that the sweep recorded of kFallbackMetrics.
  std::optional<std::string> metric;
  std::optional<std::string> x_parameter;  // heatmap columns; nullopt: the first varied parameter by name
  std::optional<std::string> y_parameter;  // heatmap rows; nullopt: the next varied parameter by name
};

struct ReportSummary {
  std::filesystem::path output;
  size_t runs = 0;
  size_t charts = 0;
  size_t skipped_values = 0;  // NaN or infinite metric values left out of the charts
  bool heatmap = false;
  std::string metric;  // the heatmap metric, empty without a sweep
};

}  // namespace runner::results::report
