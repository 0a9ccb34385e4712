#include "results/metric_rows.h"

#include <cmath>
#include <set>

#include "results/metric_value.h"
#include "results/store_error.h"

namespace runner::results {

void bind_metric_value(Statement& statement, int index, double value) {
  if (std::isfinite(value)) {
    statement.bind_double(index, value);
  } else {
    statement.bind_text(index, encode_non_finite(value));
  }
}

void check_metric_names(const Connection& connection, const std::string& step,
                        const std::vector<std::pair<std::string, double>>& metrics) {
  std::set<std::string> seen;
  for (const auto& [name, value] : metrics) {
    if (name.empty()) {
      throw StoreError(connection.path(), step, "a metric has an empty name", "give every metric a name");
    }
    if (!seen.insert(name).second) {
      throw StoreError(connection.path(), step, "the metric '" + name + "' appears twice",
                       "pass each metric once per epoch or step");
    }
  }
}

}  // namespace runner::results
