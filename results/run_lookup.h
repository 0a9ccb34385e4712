// Reading one run back, and the changes to a run after begin_run: links to sweeps and other runs,
// heartbeats, stale runs, resuming, per-step metrics and parameters.
// Every function throws StoreError on failure, and every write retries while another process holds
// the lock (results/busy_retry.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "results/run_status.h"
#include "results/store.h"

namespace runner::results {

// Every column of one row of the runs table. docs/results.md describes each column.
struct StoredRun {
  int64_t id = 0;
  std::string experiment;
  std::string config_file;
  std::string config_json;
  int64_t seed = 0;
  std::string device;
  std::string device_name;
  RunStatus status = RunStatus::kRunning;
  std::string started_at;
  std::optional<std::string> ended_at;
  std::string host;
  std::string torch_version;
  std::string runner_version;
  std::string git_commit;
  std::string blas;
  int64_t threads = 0;
  int64_t parameter_count = 0;
  int64_t labels_changed = 0;
  std::optional<std::string> error;
  std::optional<int64_t> sweep_id;
  std::optional<int64_t> trial_id;
  std::optional<int64_t> rerun_of;    // the run that this run executes again
  std::optional<int64_t> source_run;  // the run whose embedding or weights this run started from
  std::optional<std::string> task;    // e.g. "classify", "cbow", "transformer_lm"
  std::optional<std::string> heartbeat_at;
  std::optional<int64_t> pid;
  int64_t resumed_count = 0;
  std::optional<int64_t> diverged_epoch;
  std::optional<int64_t> diverged_step;
};

// Returns the run, or nullopt when no run has this id.
std::optional<StoredRun> find_run(ResultsStore& store, int64_t run_id);

// The links of a run. set_run_links writes only the fields that are set.
struct RunLinks {
  std::optional<int64_t> sweep_id;
  std::optional<int64_t> trial_id;
  std::optional<int64_t> rerun_of;
  std::optional<int64_t> source_run;
  std::optional<std::string> task;
};

// Writes the set fields of `links` in one statement. Throws StoreError, and writes nothing, when the
// run or a linked sweep, trial or run does not exist.
void set_run_links(ResultsStore& store, int64_t run_id, const RunLinks& links);

// Sets heartbeat_at to now and pid to this process's id. A live run calls it periodically, so that
// mark_stale_runs_interrupted can tell it from a run whose process was killed.
void heartbeat_run(ResultsStore& store, int64_t run_id);

// Records the epoch, and the optimizer step where known, at which the loss diverged.
void set_divergence(ResultsStore& store, int64_t run_id, int64_t epoch, std::optional<int64_t> step);

// Moves every running run whose heartbeat_at, or started_at when it never sent a heartbeat, is older
// than `stale_after` to interrupted, with ended_at now and an error that gives the last sign of life.
// Returns the number of runs changed.
// NOTE: a live run whose process never calls heartbeat_run looks stale `stale_after` after it started,
// so pass a stale_after well above the heartbeat interval and above the longest run that sends none.
int mark_stale_runs_interrupted(ResultsStore& store, std::chrono::seconds stale_after);

// Prepares a run to resume from a checkpoint written after epoch `keep_through_epoch`, in one
// transaction: status running, ended_at and error NULL, resumed_count + 1, heartbeat now, and the
// metrics and step_metrics rows of later epochs deleted, so the resumed run writes them again.
// A divergence recorded after that epoch is cleared too. Throws StoreError when the run does not exist.
void reopen_run(ResultsStore& store, int64_t run_id, int64_t keep_through_epoch);

// Writes metrics logged at one optimizer step, in one transaction. NaN and the infinities are stored
// as text, as in metrics. Rejects a step that this run has already logged, and writes nothing then.
void log_step(ResultsStore& store, int64_t run_id, int64_t step, int64_t epoch,
              const std::vector<std::pair<std::string, double>>& metrics);

// Records the swept or overridden config values of a run under their dotted config paths
// ("model.width", "optimizer.lr", "seed"), replacing values recorded before under the same name.
// Integers are stored as INTEGER, floating-point values as REAL with every bit kept, strings as
// TEXT, booleans as INTEGER 0 or 1, null as NULL, and arrays and objects as their JSON text.
void record_params(ResultsStore& store, int64_t run_id,
                   const std::vector<std::pair<std::string, nlohmann::json>>& params);

}  // namespace runner::results
