#include "runner/train/resume_command.h"

#include <fmt/format.h>

#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "runner/train/checkpoint.h"
#include "runner/train/heartbeat.h"

namespace runner::train {

namespace {

// Throws ReplayError when `run` cannot be resumed, saying what to do instead.
void check_resumable(const results::StoredRun& run, const ReplayOptions& replay) {
  using results::RunStatus;
  if (run.status == RunStatus::kCompleted) {
    throw ReplayError(ExitCode::kUsage, fmt::format("run {} already completed; `runner rerun {} --db {}` trains "
                                                    "its config again as a new run",
                                                    run.id, run.id, replay.database));
  }
  if (run.status == RunStatus::kDiverged) {
    throw ReplayError(ExitCode::kUsage, fmt::format("run {} diverged; resuming it would repeat the divergence. "
                                                    "Change optimizer.lr or training.grad_clip_norm and start a "
                                                    "new run",
                                                    run.id));
  }
  if (run.status == RunStatus::kRunning) {
    throw ReplayError(ExitCode::kUsage, fmt::format("run {} is still running (process {}); stop it first. A run "
                                                    "whose process died is marked interrupted {} s after its last "
                                                    "heartbeat",
                                                    run.id, run.pid ? std::to_string(*run.pid) : "unknown",
                                                    kStaleRunAge.count()));
  }
}

}  // namespace

ExitCode resume_run(int64_t run_id, const ReplayOptions& replay) {
  RunOptions options;
  try {
    const results::StoredRun run = find_stored_run(replay, run_id);
    const bool running = run.status == results::RunStatus::kRunning;
    if (running) {
      // The process that left the run `running` may have been killed; if so, its heartbeat is old.
      results::ResultsStore store(replay.database);
      results::mark_stale_runs_interrupted(store, kStaleRunAge);
    }
    const results::StoredRun current = running ? find_stored_run(replay, run_id) : run;
    check_resumable(current, replay);

    results::ResultsStore store(replay.database);
    if (!results::find_run_file(store, run_id, kCheckpointFileName)) {
      throw ReplayError(ExitCode::kUsage, fmt::format("run {} has no checkpoint: it stopped before its first epoch "
                                                      "ended. Start it again with `runner rerun {} --db {}`",
                                                      run_id, run_id, replay.database));
    }
    options = options_for_stored_run(current, replay);
    options.resume_run = run_id;
  } catch (const ReplayError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return error.code();
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: cannot read run {} from {}: {}\n", run_id, replay.database, error.what());
    return ExitCode::kRunFailed;
  }
  return run_experiment(options).exit_code;
}

}  // namespace runner::train
