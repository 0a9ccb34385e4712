// open_sweep from results/trials.h: creating, reusing or resetting a sweep and its trials.
#include <fmt/format.h>

#include <set>

#include "results/busy_retry.h"
#include "results/sqlite.h"
#include "results/trials.h"

namespace runner::results {

namespace {

struct StoredSweep {
  int64_t id = 0;
  std::string definition_hash;
  std::string created_at;
};

// Rejects points that the UNIQUE constraints of trials would reject halfway through the transaction.
void check_points(const std::filesystem::path& database, const std::string& step, const SweepDefinition& definition) {
  if (definition.points.empty()) {
    throw StoreError(database, step, "the sweep has no points", "give the sweep at least one value to vary");
  }

  std::set<int64_t> indices;
  std::set<std::string> hashes;
  for (const SweepPoint& point : definition.points) {
    if (!indices.insert(point.point_index).second) {
      throw StoreError(database, step, fmt::format("two points have the point_index {}", point.point_index),
                       "number the points of a sweep uniquely");
    }
    if (!hashes.insert(point.config_hash).second) {
      throw StoreError(database, step,
                       fmt::format("two points have the config hash {}, so they would train the same config; the "
                                   "second is point {}",
                                   point.config_hash, point.point_index),
                       "remove the repeated value from the sweep, or vary the seed to repeat a config");
    }
  }
}

std::optional<StoredSweep> find_latest_sweep(const Connection& connection, const std::string& step,
                                             const std::string& name, const std::string& definition_hash = "") {
  const std::string hash_filter = definition_hash.empty() ? "" : " AND definition_hash = ?2";
  Statement select(
      connection,
      "SELECT id, definition_hash, created_at FROM sweeps WHERE name = ?1" + hash_filter + " ORDER BY id DESC LIMIT 1",
      step);
  select.bind_text(1, name);
  if (!definition_hash.empty()) select.bind_text(2, definition_hash);
  if (!select.step()) return std::nullopt;
  return StoredSweep{select.column_int64(0), select.column_text(1), select.column_text(2)};
}

int64_t insert_sweep(const Connection& connection, const std::string& step, const SweepDefinition& definition) {
  Statement insert_sweep(
      connection, "INSERT INTO sweeps (name, config_file, definition_hash, definition_json) VALUES (?, ?, ?, ?)", step);
  insert_sweep.bind_text(1, definition.name);
  insert_sweep.bind_text(2, definition.config_file);
  insert_sweep.bind_text(3, definition.definition_hash);
  insert_sweep.bind_text(4, definition.definition_json);
  insert_sweep.step();
  const int64_t sweep_id = sqlite3_last_insert_rowid(connection.handle());

  Statement insert_trial(connection,
                         "INSERT INTO trials (sweep_id, point_index, config_hash, config_yaml, params_json, status) "
                         "VALUES (?, ?, ?, ?, ?, 'pending')",
                         step);
  for (const SweepPoint& point : definition.points) {
    insert_trial.bind_int64(1, sweep_id);
    insert_trial.bind_int64(2, point.point_index);
    insert_trial.bind_text(3, point.config_hash);
    insert_trial.bind_text(4, point.config_yaml);
    insert_trial.bind_text(5, point.params_json);
    insert_trial.step();
    insert_trial.reset();
  }
  return sweep_id;
}

// Puts trials back to pending so that workers claim them again. kResume resets the trials that
// ended without completing, and kForce resets every trial, running ones included. attempts keeps
// counting, and the runs of earlier attempts stay in the runs table.
void reset_trials(const Connection& connection, const std::string& step, int64_t sweep_id, SweepOpenMode mode) {
  const std::string status_filter =
      mode == SweepOpenMode::kForce ? "" : " AND status IN ('failed', 'interrupted', 'diverged')";
  Statement reset(connection,
                  "UPDATE trials SET status = 'pending', worker = NULL, claimed_at = NULL, heartbeat_at = NULL, "
                  "run_id = NULL, error = NULL WHERE sweep_id = ?" +
                      status_filter,
                  step);
  reset.bind_int64(1, sweep_id);
  reset.step();
}

[[noreturn]] void throw_changed_definition(const Connection& connection, const std::string& step,
                                           const SweepDefinition& definition, const StoredSweep& latest) {
  const std::optional<StoredSweep> earlier =
      find_latest_sweep(connection, step, definition.name, definition.definition_hash);
  const std::string earlier_use =
      earlier ? fmt::format("the new definition (hash {}) was last used by sweep {}, created {}",
                            definition.definition_hash, earlier->id, earlier->created_at)
              : fmt::format("the new definition (hash {}) has never been run", definition.definition_hash);
  throw StoreError(connection.path(), step,
                   fmt::format("the sweep definition changed: the latest sweep '{}' is sweep {}, created {} with "
                               "definition hash {}, and {}",
                               definition.name, latest.id, latest.created_at, latest.definition_hash, earlier_use),
                   fmt::format("pass --new-sweep to start a new sweep named '{}' with the new definition, or "
                               "restore the old definition to resume sweep {}",
                               definition.name, latest.id));
}

}  // namespace

SweepHandle open_sweep(ResultsStore& store, const SweepDefinition& definition, SweepOpenMode mode) {
  const std::string step = fmt::format("opening the sweep '{}'", definition.name);
  const Connection& connection = store.connection();
  check_points(connection.path(), step, definition);

  return retry_while_busy(connection, [&] {
    Transaction transaction(connection, step);
    SweepHandle handle;

    const std::optional<StoredSweep> latest = find_latest_sweep(connection, step, definition.name);
    if (!latest || mode == SweepOpenMode::kNew) {
      handle.sweep_id = insert_sweep(connection, step, definition);
      handle.created = true;
    } else if (latest->definition_hash == definition.definition_hash) {
      handle.sweep_id = latest->id;
      reset_trials(connection, step, latest->id, mode);
    } else {
      throw_changed_definition(connection, step, definition, *latest);
    }

    handle.counts = trial_counts(store, handle.sweep_id);
    transaction.commit();
    return handle;
  });
}

}  // namespace runner::results
