#include "runner/train/stored_run_replay.h"

#include <filesystem>

#include <fmt/format.h>

#include "results/store.h"

namespace runner::train {

results::StoredRun find_stored_run(const ReplayOptions& replay, int64_t run_id) {
  // Opening a missing file would create an empty database, so check first.
  if (!std::filesystem::exists(replay.database)) {
    throw ReplayError(ExitCode::kUsage, fmt::format("results database {} not found; pass the file that holds "
                                                    "run {} with --db",
                                                    replay.database, run_id));
  }
  results::ResultsStore store(replay.database);
  auto run = results::find_run(store, run_id);
  if (!run) {
    throw ReplayError(ExitCode::kUsage, fmt::format("run {} not found in {}; list the runs with "
                                                    "`sqlite3 {} \"SELECT id, experiment, status FROM runs\"`",
                                                    run_id, replay.database, replay.database));
  }
  // NOTE: only the image classification engine can replay a run for now; language runs record a task.
  if (run->task && !run->task->empty() && *run->task != "classify") {
    throw ReplayError(ExitCode::kUsage, fmt::format("run {} is a '{}' run; resume and rerun support image "
                                                    "classification runs only",
                                                    run_id, *run->task));
  }
  return *run;
}

RunOptions options_for_stored_run(const results::StoredRun& run, const ReplayOptions& replay) {
  RunOptions options;
  options.config_file = run.config_file;
  options.config_text = run.config_json;
  options.config_source_name = fmt::format("the config stored with run {} in {}", run.id, replay.database);
  options.database = replay.database;
  options.quiet = replay.quiet;
  // The same thread count matters: LibTorch splits reductions by thread, so the sums round differently.
  options.device_override = replay.device ? *replay.device : run.device;
  options.threads_override = replay.threads ? *replay.threads : run.threads;
  return options;
}

}  // namespace runner::train
