// The report's sections about individual runs: the table of runs and each run's learning curves.
#pragma once

#include <string>
#include <vector>

#include "results/report/report_data.h"

namespace runner::results::report {

// The final metrics shown in tables, in this order, where at least one run recorded them.
inline const std::vector<std::string> kTableMetrics = {"train_loss",    "test_loss", "train_accuracy",
                                                       "test_accuracy", "loss",      "held_out_loss",
                                                       "perplexity"};

// Counts of what the curves section drew, for the command's summary line.
struct CurveCounts {
  size_t charts = 0;
  size_t skipped_values = 0;  // NaN or infinite values left out of the lines
};

// A <p class="params"> that lists parameters as "label: a = 1, b = 2", or "" when there are none.
std::string render_constant_parameters(const ParamMap& constant, const std::string& label);

// A <section> with one table row per run: id, experiment, task, status, the parameters that differ
// between the runs (one column each, seed last), the final epoch, its metrics and the wall time. The
// parameters that are the same in every run are listed once above the table.
std::string render_runs_table(const std::vector<RunData>& runs);

// A <section> with one <article id="run-ID"> per run that contains its learning-curve charts and, when
// values were NaN or infinite, a note that lists them.
std::string render_curve_section(const std::vector<RunData>& runs, CurveCounts& counts);

}  // namespace runner::results::report
