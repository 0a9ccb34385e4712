#include "runner/train/rerun_command.h"

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "results/store.h"
#include "runner/train/run_comparison.h"

namespace runner::train {

namespace {

// Fields of the run rows that explain why a rerun may not reproduce: (name, original, rerun).
std::vector<std::vector<std::string>> environment_differences(const results::StoredRun& original,
                                                               const results::StoredRun& rerun) {
  const std::vector<std::vector<std::string>> fields = {
      {"runner_version", original.runner_version, rerun.runner_version},
      {"git_commit", original.git_commit, rerun.git_commit},
      {"torch_version", original.torch_version, rerun.torch_version},
      {"device", original.device, rerun.device},
      {"device_name", original.device_name, rerun.device_name},
      {"threads", std::to_string(original.threads), std::to_string(rerun.threads)},
      {"blas", original.blas, rerun.blas}};
  std::vector<std::vector<std::string>> differences;
  for (const auto& field : fields) {
    if (field[1] != field[2]) differences.push_back(field);
  }
  return differences;
}

void print_environment_differences(FILE* stream, const results::StoredRun& original, const results::StoredRun& rerun) {
  const auto differences = environment_differences(original, rerun);
  if (differences.empty()) {
    fmt::print(stream, "environment: same runner_version, git_commit, torch_version, device, device_name, "
                       "threads and blas\n");
    return;
  }
  fmt::print(stream, "environment differences:\n");
  for (const auto& field : differences) {
    fmt::print(stream, "  {:<15} run {}: {}\n  {:<15} run {}: {}\n", field[0], original.id, field[1], "", rerun.id,
               field[2]);
  }
}

}  // namespace

ExitCode rerun_run(int64_t run_id, const ReplayOptions& replay, double tolerance) {
  RunOptions options;
  results::StoredRun original;
  try {
    original = find_stored_run(replay, run_id);
    options = options_for_stored_run(original, replay);
    options.rerun_of = run_id;
  } catch (const ReplayError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return error.code();
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: cannot read run {} from {}: {}\n", run_id, replay.database, error.what());
    return ExitCode::kRunFailed;
  }

  const RunOutcome outcome = run_experiment(options);
  // A rerun that diverged still has epochs to compare, since the original may have diverged the same way.
  const bool comparable = outcome.run_id > 0 && (outcome.exit_code == ExitCode::kOk ||
                                                 outcome.exit_code == ExitCode::kRunFailed);
  if (!comparable) return outcome.exit_code;

  try {
    results::ResultsStore store(replay.database);
    const auto rerun = results::find_run(store, outcome.run_id);
    const RunComparison comparison = compare_runs(store.metrics(run_id), store.metrics(outcome.run_id), tolerance);
    fmt::print(stdout, "\ncomparison of run {} with its rerun, run {} (timing metrics left out)\n", run_id,
               outcome.run_id);
    print_comparison(stdout, comparison, run_id, outcome.run_id, tolerance);
    if (rerun) print_environment_differences(stdout, original, *rerun);
    return comparison.verdict == Verdict::kDiffers ? ExitCode::kRunFailed : ExitCode::kOk;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: cannot compare run {} with run {}: {}\n", run_id, outcome.run_id, error.what());
    return ExitCode::kRunFailed;
  }
}

}  // namespace runner::train
