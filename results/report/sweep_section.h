// The report's sweep section: the sweep's identity and trials, the heatmap and the table of points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/report/heatmap.h"
#include "results/report/report_data.h"
#include "results/report/sweep_grid.h"

namespace runner::results::report {

struct SweepReport {
  SweepData sweep;
  std::vector<PointStatistics> statistics;  // seed_summary rows of the sweep
  std::vector<std::string> varied;          // parameters other than seed with more than one value
  std::optional<std::string> metric;        // nullopt when no run has completed
  std::optional<HeatmapAxes> axes;
  std::optional<Heatmap> heatmap;
};

// A <section id="sweep"> with the sweep's name, config file, creation time and trial counts, the heatmap
// of the chosen metric (or why there is none), and one table row per point: its parameters, the chosen
// metric's mean ± std, n and 95 % confidence interval, and the other final metrics as mean ± std.
std::string render_sweep_section(const SweepReport& report);

}  // namespace runner::results::report
