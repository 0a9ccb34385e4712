#include "results/row_checks.h"

#include <fmt/format.h>

#include "results/store_error.h"

namespace runner::results {

namespace {

bool row_exists(const Connection& connection, const std::string& step, const std::string& table, int64_t id) {
  // The table name comes from this file only, never from user input.
  Statement select(connection, fmt::format("SELECT 1 FROM {} WHERE id = ?", table), step);
  select.bind_int64(1, id);
  return select.step();
}

}  // namespace

void check_run_exists(const Connection& connection, const std::string& step, int64_t run_id) {
  if (row_exists(connection, step, "runs", run_id)) return;
  throw StoreError(connection.path(), step, fmt::format("run {} not found", run_id),
                   "use the id that begin_run returned; `runner query \"SELECT id, experiment, status FROM runs\"` "
                   "lists the runs");
}

void check_sweep_exists(const Connection& connection, const std::string& step, int64_t sweep_id) {
  if (row_exists(connection, step, "sweeps", sweep_id)) return;
  throw StoreError(connection.path(), step, fmt::format("sweep {} not found", sweep_id),
                   "use the id that open_sweep returned; `runner query \"SELECT id, name FROM sweeps\"` lists "
                   "the sweeps");
}

void check_trial_exists(const Connection& connection, const std::string& step, int64_t trial_id) {
  if (row_exists(connection, step, "trials", trial_id)) return;
  throw StoreError(connection.path(), step, fmt::format("trial {} not found", trial_id),
                   "use the id that claim_trial returned");
}

}  // namespace runner::results
