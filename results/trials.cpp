#include "results/trials.h"

#include <fmt/format.h>

#include "results/busy_retry.h"
#include "results/row_checks.h"
#include "results/sqlite.h"
#include "results/timestamps.h"

namespace runner::results {

namespace {

void check_shard(const std::filesystem::path& database, const std::string& step, int shard_index, int shard_count) {
  if (shard_count < 1 || shard_index < 0 || shard_index >= shard_count) {
    throw StoreError(database, step,
                     fmt::format("invalid shard {} of {}: the shard index must be at least 0 and below the shard "
                                 "count, which must be at least 1",
                                 shard_index, shard_count),
                     "pass --shard I/N with 0 <= I < N");
  }
}

}  // namespace

std::optional<ClaimedTrial> claim_trial(ResultsStore& store, int64_t sweep_id, const std::string& worker,
                                        int shard_index, int shard_count, std::chrono::seconds stale_after) {
  const std::string step = fmt::format("claiming a trial of sweep {} for worker '{}'", sweep_id, worker);
  const Connection& connection = store.connection();
  check_shard(connection.path(), step, shard_index, shard_count);

  // One UPDATE takes the write lock before it reads, so two workers can never pick the same row.
  // A running trial whose heartbeat is older than stale_after belongs to a worker that died.
  const std::string sql = fmt::format(
      "UPDATE trials SET status = 'running', worker = ?1, claimed_at = {0}, heartbeat_at = {0}, "
      "attempts = attempts + 1, error = NULL, run_id = NULL "
      "WHERE id = (SELECT id FROM trials WHERE sweep_id = ?2 AND point_index % ?3 = ?4 "
      "AND (status = 'pending' OR (status = 'running' AND coalesce(heartbeat_at, claimed_at, '') < {1})) "
      "ORDER BY point_index LIMIT 1) "
      "RETURNING id, point_index, config_yaml, params_json, attempts",
      kUtcNowSql, utc_before_now_sql("?5"));

  return retry_while_busy(connection, [&]() -> std::optional<ClaimedTrial> {
    Statement claim(connection, sql, step);
    claim.bind_text(1, worker);
    claim.bind_int64(2, sweep_id);
    claim.bind_int64(3, shard_count);
    claim.bind_int64(4, shard_index);
    claim.bind_text(5, seconds_ago_modifier(stale_after));
    if (!claim.step()) return std::nullopt;

    ClaimedTrial trial;
    trial.id = claim.column_int64(0);
    trial.point_index = claim.column_int64(1);
    trial.config_yaml = claim.column_text(2);
    trial.params_json = claim.column_text(3);
    trial.attempts = claim.column_int64(4);

    // The statement commits when it finishes, so step it to the end before the trial counts as claimed.
    while (claim.step()) {
    }
    return trial;
  });
}

bool heartbeat_trial(ResultsStore& store, int64_t trial_id) {
  const std::string step = fmt::format("recording a heartbeat of trial {}", trial_id);
  const Connection& connection = store.connection();

  retry_while_busy(connection, [&] {
    Statement update(connection,
                     fmt::format("UPDATE trials SET heartbeat_at = {} WHERE id = ? AND status = 'running'", kUtcNowSql),
                     step);
    update.bind_int64(1, trial_id);
    update.step();
  });
  if (connection.changes() > 0) return true;

  check_trial_exists(connection, step, trial_id);
  return false;
}

void attach_run(ResultsStore& store, int64_t trial_id, int64_t run_id) {
  const std::string step = fmt::format("attaching run {} to trial {}", run_id, trial_id);
  const Connection& connection = store.connection();

  retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    check_trial_exists(connection, step, trial_id);
    check_run_exists(connection, step, run_id);

    Statement update_trial(connection, "UPDATE trials SET run_id = ? WHERE id = ?", step);
    update_trial.bind_int64(1, run_id);
    update_trial.bind_int64(2, trial_id);
    update_trial.step();

    Statement update_run(connection,
                         "UPDATE runs SET trial_id = ?1, sweep_id = (SELECT sweep_id FROM trials WHERE id = ?1) "
                         "WHERE id = ?2",
                         step);
    update_run.bind_int64(1, trial_id);
    update_run.bind_int64(2, run_id);
    update_run.step();

    transaction.commit();
  });
}

void finish_trial(ResultsStore& store, int64_t trial_id, RunStatus status, const std::string& error) {
  const std::string step = fmt::format("finishing trial {} as {}", trial_id, to_string(status));
  const Connection& connection = store.connection();
  if (status == RunStatus::kRunning) {
    throw StoreError(connection.path(), step, "running is not a final status",
                     "pass completed, failed, interrupted or diverged");
  }

  retry_while_busy(connection, [&] {
    Statement update(connection,
                     fmt::format("UPDATE trials SET status = ?, error = ?, heartbeat_at = {} WHERE id = ?", kUtcNowSql),
                     step);
    update.bind_text(1, to_string(status));
    if (error.empty()) {
      update.bind_null(2);
    } else {
      update.bind_text(2, error);
    }
    update.bind_int64(3, trial_id);
    update.step();
  });
  if (connection.changes() == 0) check_trial_exists(connection, step, trial_id);
}

TrialCounts trial_counts(ResultsStore& store, int64_t sweep_id) {
  const std::string step = fmt::format("counting the trials of sweep {}", sweep_id);
  Statement select(store.connection(), "SELECT status, count(*) FROM trials WHERE sweep_id = ? GROUP BY status", step);
  select.bind_int64(1, sweep_id);

  TrialCounts counts;
  while (select.step()) {
    const std::string status = select.column_text(0);
    const int64_t count = select.column_int64(1);
    if (status == "pending") {
      counts.pending = count;
    } else if (status == "running") {
      counts.running = count;
    } else if (status == "completed") {
      counts.completed = count;
    } else if (status == "failed") {
      counts.failed = count;
    } else if (status == "interrupted") {
      counts.interrupted = count;
    } else if (status == "diverged") {
      counts.diverged = count;
    }
  }
  return counts;
}

}  // namespace runner::results
