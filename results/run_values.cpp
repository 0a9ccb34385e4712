// The parts of run_lookup.h that add values to a run: per-step metrics and config parameters.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "results/busy_retry.h"
#include "results/metric_rows.h"
#include "results/metric_value.h"
#include "results/row_checks.h"
#include "results/run_lookup.h"
#include "results/sqlite.h"

namespace runner::results {

namespace {

// Binds one parameter value with the storage class that record_params documents.
void bind_param_value(const Connection& connection, const std::string& step, Statement& statement, int index,
                      const std::string& name, const nlohmann::json& value) {
  if (value.is_null()) {
    statement.bind_null(index);
  } else if (value.is_boolean()) {
    statement.bind_int64(index, value.get<bool>() ? 1 : 0);
  } else if (value.is_number_unsigned()) {
    const auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      throw StoreError(connection.path(), step,
                       fmt::format("the parameter '{}' is {}, larger than the largest SQLite integer", name, number),
                       "store the value as a string");
    }
    statement.bind_int64(index, static_cast<int64_t>(number));
  } else if (value.is_number_integer()) {
    statement.bind_int64(index, value.get<int64_t>());
  } else if (value.is_number_float()) {
    // sqlite3_bind_double stores the 8-byte IEEE value unchanged, so 0.1 reads back bit for bit.
    const double number = value.get<double>();
    if (std::isfinite(number)) {
      statement.bind_double(index, number);
    } else {
      statement.bind_text(index, encode_non_finite(number));
    }
  } else if (value.is_string()) {
    statement.bind_text(index, value.get<std::string>());
  } else {
    statement.bind_text(index, value.dump());
  }
}

}  // namespace

void log_step(ResultsStore& store, int64_t run_id, int64_t step_index, int64_t epoch,
              const std::vector<std::pair<std::string, double>>& metrics) {
  const std::string step = fmt::format("writing the metrics of step {} of run {}", step_index, run_id);
  const Connection& connection = store.connection();
  check_metric_names(connection, step, metrics);
  if (metrics.empty()) return;

  retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    check_run_exists(connection, step, run_id);

    Statement logged(connection, "SELECT count(*) FROM step_metrics WHERE run_id = ? AND step = ?", step);
    logged.bind_int64(1, run_id);
    logged.bind_int64(2, step_index);
    logged.step();
    if (logged.column_int64(0) > 0) {
      throw StoreError(connection.path(), step, fmt::format("run {} has already logged step {}", run_id, step_index),
                       "log each step once; a resumed run must call reopen_run first, which deletes later steps");
    }

    Statement insert(connection, "INSERT INTO step_metrics (run_id, step, epoch, name, value) VALUES (?, ?, ?, ?, ?)",
                     step);
    for (const auto& [name, value] : metrics) {
      insert.bind_int64(1, run_id);
      insert.bind_int64(2, step_index);
      insert.bind_int64(3, epoch);
      insert.bind_text(4, name);
      bind_metric_value(insert, 5, value);
      insert.step();
      insert.reset();
    }
    transaction.commit();
  });
}

void record_params(ResultsStore& store, int64_t run_id,
                   const std::vector<std::pair<std::string, nlohmann::json>>& params) {
  const std::string step = fmt::format("recording the parameters of run {}", run_id);
  const Connection& connection = store.connection();
  for (const auto& [name, value] : params) {
    if (name.empty()) {
      throw StoreError(connection.path(), step, "a parameter has an empty name",
                       "name every parameter by its dotted config path, e.g. optimizer.lr");
    }
  }

  retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    check_run_exists(connection, step, run_id);

    Statement upsert(connection,
                     "INSERT INTO run_params (run_id, name, value) VALUES (?, ?, ?) "
                     "ON CONFLICT (run_id, name) DO UPDATE SET value = excluded.value",
                     step);
    for (const auto& [name, value] : params) {
      upsert.bind_int64(1, run_id);
      upsert.bind_text(2, name);
      bind_param_value(connection, step, upsert, 3, name, value);
      upsert.step();
      upsert.reset();
    }
    transaction.commit();
  });
}

}  // namespace runner::results
