#include "runner/sweeprun/sweep_worker.h"

#include <atomic>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "results/run_lookup.h"
#include "results/store.h"
#include "results/trials.h"
#include "runner/sweeprun/periodic_task.h"
#include "runner/sweeprun/run_dispatch.h"
#include "runner/train/interrupt.h"

namespace runner::sweeprun {

namespace {

// The trial's params_json ({"model.width": 64, ...}) as (path, value) pairs for run_params.
std::vector<std::pair<std::string, nlohmann::json>> params_of(const std::string& params_json) {
  std::vector<std::pair<std::string, nlohmann::json>> params;
  const auto object = nlohmann::json::parse(params_json);
  for (const auto& [path, value] : object.items()) params.emplace_back(path, value);
  return params;
}

// Reads the trial's final status from the run's own row, which distinguishes diverged from failed. A
// point whose run never wrote its row, for example because of a config error in that point, failed
// with the error message of that run.
results::RunStatus trial_status(results::ResultsStore& store, const train::RunOutcome& outcome,
                                std::string& error) {
  if (outcome.run_id != 0) {
    if (const auto run = results::find_run(store, outcome.run_id)) {
      if (run->error) error = *run->error;
      return run->status;
    }
  }
  if (outcome.exit_code == ExitCode::kInterrupted) return results::RunStatus::kInterrupted;
  error = outcome.error.empty() ? fmt::format("the point did not start (exit code {})",
                                              static_cast<int>(outcome.exit_code))
                                : outcome.error;
  return results::RunStatus::kFailed;
}

}  // namespace

WorkerResult run_worker(const WorkerOptions& options) {
  WorkerResult result;
  results::ResultsStore store(options.database);

  while (!train::interrupt_requested()) {
    const auto trial = results::claim_trial(store, options.sweep_id, options.worker_name, options.shard_index,
                                            options.shard_count, options.stale_after);
    if (!trial) break;
    fmt::print(stderr, "{}: point {} (trial {}, attempt {}): {}\n", options.worker_name, trial->point_index,
               trial->id, trial->attempts, trial->params_json);

    // The heartbeat thread has its own connection: one ResultsStore must not be used from two threads.
    results::ResultsStore heartbeat_store(options.database);
    std::atomic<bool> heartbeat_failed{false};
    PeriodicTask heartbeat(
        kHeartbeatInterval, [&] { results::heartbeat_trial(heartbeat_store, trial->id); },
        [&](const std::exception& error) {
          if (!heartbeat_failed.exchange(true)) {
            fmt::print(stderr, "warning: could not refresh the heartbeat of trial {}: {}\n", trial->id, error.what());
          }
        });

    train::RunOptions run;
    run.database = options.database;
    run.quiet = options.quiet;
    run.config_text = trial->config_yaml;
    run.config_source_name = fmt::format("sweep {} point {}", options.sweep_id, trial->point_index);
    run.device_override = options.device;
    run.threads_override = options.threads;
    run.on_run_started = [&](results::ResultsStore& run_store, int64_t run_id) {
      results::attach_run(run_store, trial->id, run_id);
      results::RunLinks links;
      links.sweep_id = options.sweep_id;
      links.trial_id = trial->id;
      results::set_run_links(run_store, run_id, links);
      results::record_params(run_store, run_id, params_of(trial->params_json));
    };
    const train::RunOutcome outcome = run_point(run);

    std::string error;
    const results::RunStatus status = trial_status(store, outcome, error);
    results::finish_trial(store, trial->id, status, error);

    if (status == results::RunStatus::kCompleted) ++result.completed;
    if (status == results::RunStatus::kInterrupted || outcome.exit_code == ExitCode::kInterrupted) {
      result.interrupted = true;
      break;
    }
    if (status != results::RunStatus::kCompleted) {
      ++result.failed;
      if (options.fail_fast) break;
    }
  }
  if (train::interrupt_requested()) result.interrupted = true;
  return result;
}

}  // namespace runner::sweeprun
