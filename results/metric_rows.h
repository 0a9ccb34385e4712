// Shared steps of writing metric rows, used by log_epoch (metrics) and log_step (step_metrics).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "results/sqlite.h"

namespace runner::results {

// Binds a finite value as REAL, and NaN or an infinity as its text from encode_non_finite.
void bind_metric_value(Statement& statement, int index, double value);

// Rejects an empty or repeated metric name before a transaction starts, with a message that names
// the metric, because the database would reject it halfway through.
void check_metric_names(const Connection& connection, const std::string& step,
                        const std::vector<std::pair<std::string, double>>& metrics);

}  // namespace runner::results
