// The parts of run_lookup.h that follow a run's process: heartbeats, stale runs, divergence and resume.
#include <fmt/format.h>
#include <unistd.h>

#include "results/busy_retry.h"
#include "results/row_checks.h"
#include "results/run_lookup.h"
#include "results/sqlite.h"
#include "results/timestamps.h"

namespace runner::results {

void heartbeat_run(ResultsStore& store, int64_t run_id) {
  const std::string step = fmt::format("recording a heartbeat of run {}", run_id);
  const Connection& connection = store.connection();

  retry_while_busy(connection, [&] {
    Statement update(connection, fmt::format("UPDATE runs SET heartbeat_at = {}, pid = ? WHERE id = ?", kUtcNowSql),
                     step);
    update.bind_int64(1, ::getpid());
    update.bind_int64(2, run_id);
    update.step();
  });
  if (connection.changes() == 0) check_run_exists(connection, step, run_id);
}

void set_divergence(ResultsStore& store, int64_t run_id, int64_t epoch, std::optional<int64_t> step_index) {
  const std::string step = fmt::format("recording the divergence of run {} in epoch {}", run_id, epoch);
  const Connection& connection = store.connection();

  retry_while_busy(connection, [&] {
    Statement update(connection, "UPDATE runs SET diverged_epoch = ?, diverged_step = ? WHERE id = ?", step);
    update.bind_int64(1, epoch);
    update.bind_optional_int64(2, step_index);
    update.bind_int64(3, run_id);
    update.step();
  });
  if (connection.changes() == 0) check_run_exists(connection, step, run_id);
}

int mark_stale_runs_interrupted(ResultsStore& store, std::chrono::seconds stale_after) {
  const std::string step = fmt::format("marking runs without a heartbeat for {} s as interrupted", stale_after.count());
  const Connection& connection = store.connection();

  // Timestamps share one text format, so comparing them as text compares the moments.
  const std::string sql = fmt::format(
      "UPDATE runs SET status = 'interrupted', ended_at = {0}, "
      "error = 'no heartbeat since ' || coalesce(heartbeat_at, started_at) || ', the process was probably killed' "
      "WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < {1}",
      kUtcNowSql, utc_before_now_sql("?"));
  return retry_while_busy(connection, [&] {
    Statement update(connection, sql, step);
    update.bind_text(1, seconds_ago_modifier(stale_after));
    update.step();
    return static_cast<int>(connection.changes());
  });
}

void reopen_run(ResultsStore& store, int64_t run_id, int64_t keep_through_epoch) {
  const std::string step = fmt::format("reopening run {} to resume after epoch {}", run_id, keep_through_epoch);
  const Connection& connection = store.connection();

  // ?1 is the last kept epoch and ?2 the run id in all three statements.
  const std::string reopen_sql = fmt::format(
      "UPDATE runs SET status = 'running', ended_at = NULL, error = NULL, resumed_count = resumed_count + 1, "
      "heartbeat_at = {}, pid = ?3, "
      "diverged_step = CASE WHEN diverged_epoch > ?1 THEN NULL ELSE diverged_step END, "
      "diverged_epoch = CASE WHEN diverged_epoch > ?1 THEN NULL ELSE diverged_epoch END "
      "WHERE id = ?2",
      kUtcNowSql);

  retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    check_run_exists(connection, step, run_id);

    Statement delete_metrics(connection, "DELETE FROM metrics WHERE run_id = ?2 AND epoch > ?1", step);
    delete_metrics.bind_int64(1, keep_through_epoch);
    delete_metrics.bind_int64(2, run_id);
    delete_metrics.step();

    Statement delete_step_metrics(connection, "DELETE FROM step_metrics WHERE run_id = ?2 AND epoch > ?1", step);
    delete_step_metrics.bind_int64(1, keep_through_epoch);
    delete_step_metrics.bind_int64(2, run_id);
    delete_step_metrics.step();

    Statement reopen(connection, reopen_sql, step);
    reopen.bind_int64(1, keep_through_epoch);
    reopen.bind_int64(2, run_id);
    reopen.bind_int64(3, ::getpid());
    reopen.step();

    transaction.commit();
  });
}

}  // namespace runner::results
