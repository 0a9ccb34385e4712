#include "results/run_lookup.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "results/busy_retry.h"
#include "results/row_checks.h"
#include "results/sqlite.h"

namespace runner::results {

namespace {

// The column order that read_stored_run expects.
constexpr const char* kSelectRun =
    "SELECT id, experiment, config_file, config_json, seed, device, device_name, status, started_at, ended_at, "
    "host, torch_version, runner_version, git_commit, blas, threads, parameter_count, labels_changed, error, "
    "sweep_id, trial_id, rerun_of, source_run, task, heartbeat_at, pid, resumed_count, diverged_epoch, "
    "diverged_step FROM runs WHERE id = ?";

RunStatus read_status(const Connection& connection, const std::string& step, const std::string& text) {
  const std::optional<RunStatus> status = parse_run_status(text);
  if (!status) {
    // The CHECK constraint on runs.status makes this unreachable unless the file was edited by hand.
    throw StoreError(connection.path(), step, "runs.status contains the unknown status '" + text + "'",
                     "set it to running, completed, failed, interrupted or diverged by hand");
  }
  return *status;
}

StoredRun read_stored_run(const Connection& connection, const std::string& step, const Statement& row) {
  StoredRun run;
  run.id = row.column_int64(0);
  run.experiment = row.column_text(1);
  run.config_file = row.column_text(2);
  run.config_json = row.column_text(3);
  run.seed = row.column_int64(4);
  run.device = row.column_text(5);
  run.device_name = row.column_text(6);
  run.status = read_status(connection, step, row.column_text(7));
  run.started_at = row.column_text(8);
  run.ended_at = row.column_optional_text(9);
  run.host = row.column_text(10);
  run.torch_version = row.column_text(11);
  run.runner_version = row.column_text(12);
  run.git_commit = row.column_text(13);
  run.blas = row.column_text(14);
  run.threads = row.column_int64(15);
  run.parameter_count = row.column_int64(16);
  run.labels_changed = row.column_int64(17);
  run.error = row.column_optional_text(18);
  run.sweep_id = row.column_optional_int64(19);
  run.trial_id = row.column_optional_int64(20);
  run.rerun_of = row.column_optional_int64(21);
  run.source_run = row.column_optional_int64(22);
  run.task = row.column_optional_text(23);
  run.heartbeat_at = row.column_optional_text(24);
  run.pid = row.column_optional_int64(25);
  run.resumed_count = row.column_int64(26);
  run.diverged_epoch = row.column_optional_int64(27);
  run.diverged_step = row.column_optional_int64(28);
  return run;
}

// Checks every id that `links` refers to, so that a wrong id is named in the error.
void check_linked_rows(const Connection& connection, const std::string& step, const RunLinks& links) {
  if (links.sweep_id) check_sweep_exists(connection, step, *links.sweep_id);
  if (links.trial_id) check_trial_exists(connection, step, *links.trial_id);
  if (links.rerun_of) check_run_exists(connection, step, *links.rerun_of);
  if (links.source_run) check_run_exists(connection, step, *links.source_run);
}

}  // namespace

std::optional<StoredRun> find_run(ResultsStore& store, int64_t run_id) {
  const std::string step = fmt::format("reading run {}", run_id);
  Statement select(store.connection(), kSelectRun, step);
  select.bind_int64(1, run_id);
  if (!select.step()) return std::nullopt;
  return read_stored_run(store.connection(), step, select);
}

void set_run_links(ResultsStore& store, int64_t run_id, const RunLinks& links) {
  const std::string step = fmt::format("linking run {}", run_id);
  const Connection& connection = store.connection();

  // Only the set fields become assignments, in this order, so that the binding below matches.
  std::vector<std::string> assignments;
  if (links.sweep_id) assignments.push_back("sweep_id = ?");
  if (links.trial_id) assignments.push_back("trial_id = ?");
  if (links.rerun_of) assignments.push_back("rerun_of = ?");
  if (links.source_run) assignments.push_back("source_run = ?");
  if (links.task) assignments.push_back("task = ?");

  retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    check_run_exists(connection, step, run_id);
    check_linked_rows(connection, step, links);
    if (assignments.empty()) return;

    Statement update(connection, fmt::format("UPDATE runs SET {} WHERE id = ?", fmt::join(assignments, ", ")), step);
    int index = 1;
    for (const auto& id : {links.sweep_id, links.trial_id, links.rerun_of, links.source_run}) {
      if (id) update.bind_int64(index++, *id);
    }
    if (links.task) update.bind_text(index++, *links.task);
    update.bind_int64(index, run_id);
    update.step();
    transaction.commit();
  });
}

}  // namespace runner::results
