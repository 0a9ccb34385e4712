// The trials of a sweep: one row per point of the sweep, claimed and finished by worker processes
// that share the database file. Every function throws StoreError on failure, and every write retries
// while another process holds the lock (results/busy_retry.h), so workers never see
// "database is locked" while the lock changes hands.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "results/run_status.h"
#include "results/store.h"

namespace runner::results {

// One point of a sweep: the config of one trial.
struct SweepPoint {
  int64_t point_index = 0;  // position in the sweep's expansion, unique within the sweep
  std::string config_hash;  // hash of the point's resolved config, unique within the sweep
  std::string config_yaml;  // the complete config that the trial trains
  std::string params_json;  // the swept values of this point, a JSON object by dotted path
};

// A sweep and all its points.
struct SweepDefinition {
  std::string name;
  std::string config_file;
  std::string definition_hash;  // changes whenever the sweep's definition or points change
  std::string definition_json;
  std::vector<SweepPoint> points;
};

// The action of open_sweep when a sweep of the same name exists.
enum class SweepOpenMode {
  kResume,  // reuse it: completed trials stay, failed, interrupted and diverged ones run again
  kForce,   // reuse it, and run every trial again
  kNew,     // create a new sweep with the same name, whatever exists
};

// Trials per status.
struct TrialCounts {
  int64_t pending = 0;
  int64_t running = 0;
  int64_t completed = 0;
  int64_t failed = 0;
  int64_t interrupted = 0;
  int64_t diverged = 0;

  int64_t total() const { return pending + running + completed + failed + interrupted + diverged; }
};

struct SweepHandle {
  int64_t sweep_id = 0;
  bool created = false;  // true when open_sweep inserted the sweep, false when it reused one
  TrialCounts counts;    // after open_sweep's changes
};

// Finds the latest sweep named definition.name and creates, reuses or resets it according to `mode`,
// all in one BEGIN IMMEDIATE transaction. A new sweep gets one pending trial per point. Throws
// StoreError when a sweep of that name exists with another definition_hash and mode is not kNew,
// or when two points share a point_index or a config_hash.
SweepHandle open_sweep(ResultsStore& store, const SweepDefinition& definition, SweepOpenMode mode);

// A trial that claim_trial handed to a worker.
struct ClaimedTrial {
  int64_t id = 0;
  int64_t point_index = 0;
  std::string config_yaml;
  std::string params_json;
  int64_t attempts = 0;  // claims of this trial so far, this one included
};

// Atomically claims the trial with the lowest point_index of the sweep that is pending, or running
// with a heartbeat older than `stale_after` (its worker died), and whose point_index modulo
// shard_count is shard_index. The trial becomes running, with this worker, claimed_at and
// heartbeat_at now, and attempts + 1. Returns nullopt when no trial is left for this shard.
std::optional<ClaimedTrial> claim_trial(ResultsStore& store, int64_t sweep_id, const std::string& worker,
                                        int shard_index, int shard_count, std::chrono::seconds stale_after);

// Sets heartbeat_at of a running trial to now. Returns false when the trial is no longer running,
// e.g. because `--force` reset it, so the worker can stop.
bool heartbeat_trial(ResultsStore& store, int64_t trial_id);

// Records the run that trains the trial, in the trial and in the run's sweep_id and trial_id, in one
// transaction.
void attach_run(ResultsStore& store, int64_t trial_id, int64_t run_id);

// Moves a trial to a final status with heartbeat_at now. An empty error stores NULL.
void finish_trial(ResultsStore& store, int64_t trial_id, RunStatus status, const std::string& error = "");

// Returns the trials of a sweep per status.
TrialCounts trial_counts(ResultsStore& store, int64_t sweep_id);

}  // namespace runner::results
