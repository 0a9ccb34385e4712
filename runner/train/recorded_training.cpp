#include "runner/train/recorded_training.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "results/metric_names.h"
#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "runner/train/checkpoint.h"
#include "runner/train/heartbeat.h"
#include "runner/train/interrupt.h"
#include "runner/train/summary_table.h"
#include "runner/train/trainer.h"

namespace runner::train {

namespace {

// runs.task of every run this engine trains; language tasks record their own names.
constexpr const char* kClassifyTask = "classify";

// The metrics an epoch measured: an epoch that eval_every skips records no test or accuracy rows.
std::vector<std::pair<std::string, double>> metric_rows(const EpochMetrics& m) {
  using namespace results;
  std::vector<std::pair<std::string, double>> rows = {{kTrainLoss, m.train_loss},
                                                      {kEpochSeconds, m.seconds},
                                                      {kImagesPerSecond, m.images_per_second},
                                                      {kLearningRate, m.learning_rate}};
  if (!std::isnan(m.test_loss)) rows.emplace_back(kTestLoss, m.test_loss);
  if (!std::isnan(m.test_accuracy)) rows.emplace_back(kTestAccuracy, m.test_accuracy);
  if (!std::isnan(m.train_accuracy)) rows.emplace_back(kTrainAccuracy, m.train_accuracy);
  return rows;
}

bool evaluates_after(int64_t epoch, const config::TrainingConfig& training) {
  return epoch % training.eval_every == 0 || epoch == training.epochs;
}

// Marks the run finished without letting a database error hide the error that ended training.
void finish_run_safely(results::ResultsStore& store, int64_t run_id, results::RunStatus status,
                       const std::string& error) {
  try {
    store.finish_run(run_id, status, error);
  } catch (const std::exception& store_error) {
    fmt::print(stderr, "error: could not mark run {} as {}: {}\n", run_id, results::to_string(status),
               store_error.what());
  }
}

void report_stale_runs(results::ResultsStore& store) {
  const int count = results::mark_stale_runs_interrupted(store, kStaleRunAge);
  if (count > 0) {
    fmt::print(stderr, "marked {} run(s) in {} as interrupted: they were still `running` with no heartbeat for {} s\n",
               count, store.path().string(), kStaleRunAge.count());
  }
}

// The epochs a resumed run finished before its checkpoint, read back so the summary table is whole.
std::vector<EpochMetrics> recorded_epochs(results::ResultsStore& store, int64_t run_id, int64_t through_epoch) {
  constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();
  std::vector<EpochMetrics> epochs;
  for (const auto& row : store.metrics(run_id)) {
    if (row.epoch > through_epoch) continue;
    if (epochs.empty() || epochs.back().epoch != row.epoch) {
      EpochMetrics metrics;
      metrics.epoch = row.epoch;
      metrics.test_loss = metrics.test_accuracy = metrics.train_accuracy = kNotMeasured;
      epochs.push_back(metrics);
    }
    EpochMetrics& metrics = epochs.back();
    if (row.name == results::kTrainLoss) metrics.train_loss = row.value;
    if (row.name == results::kTestLoss) metrics.test_loss = row.value;
    if (row.name == results::kTestAccuracy) metrics.test_accuracy = row.value;
    if (row.name == results::kTrainAccuracy) metrics.train_accuracy = row.value;
    if (row.name == results::kEpochSeconds) metrics.seconds = row.value;
    if (row.name == results::kImagesPerSecond) metrics.images_per_second = row.value;
    if (row.name == results::kLearningRate) metrics.learning_rate = row.value;
  }
  return epochs;
}

// Loads the run's checkpoint into the trainer and reopens its row at that epoch. Returns the epoch.
int64_t resume_from_checkpoint(results::ResultsStore& store, int64_t run_id, Trainer& trainer) {
  const auto recorded = results::find_run_file(store, run_id, kCheckpointFileName);
  if (!recorded) {
    throw CheckpointError(fmt::format("run {} has no checkpoint: it stopped before its first epoch ended; "
                                      "start it again with `runner rerun {}`", run_id, run_id));
  }
  // The checkpoint is read completely before the row changes, so a damaged file leaves the run as it was.
  const int64_t epoch = load_checkpoint(*recorded, trainer.training_state());
  results::reopen_run(store, run_id, epoch);
  return epoch;
}

// The non-finite loss ends the run as diverged, with the epoch and the first bad step recorded.
ExitCode record_divergence(results::ResultsStore& store, int64_t run_id, const EpochMetrics& metrics) {
  const std::string value = std::isnan(metrics.train_loss) ? "NaN" : fmt::format("{}", metrics.train_loss);
  const std::string reason = fmt::format("training loss became non-finite at step {} in epoch {} (epoch mean {})",
                                         metrics.first_non_finite_step, metrics.epoch, value);
  try {
    results::set_divergence(store, run_id, metrics.epoch, metrics.first_non_finite_step);
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: could not record where run {} diverged: {}\n", run_id, error.what());
  }
  finish_run_safely(store, run_id, results::RunStatus::kDiverged, reason);
  fmt::print(stderr, "error: run {} diverged: {}; lower optimizer.lr or set training.grad_clip_norm\n", run_id,
             reason);
  return ExitCode::kRunFailed;
}

}  // namespace

ExitCode train_and_record(PreparedRun& run, const RunOptions& options, RunOutcome& outcome) {
  results::ResultsStore store(run.config.results_database);
  outcome.database = store.path().string();
  report_stale_runs(store);

  Trainer trainer(run.config, run.model.net, run.train, run.test, BatchNormalizer(run.statistics, run.environment.device),
                  run.environment.device);
  const bool resuming = options.resume_run > 0;
  int64_t finished_epochs = 0;
  if (resuming) {
    finished_epochs = resume_from_checkpoint(store, options.resume_run, trainer);
    outcome.run_id = options.resume_run;
    fmt::print(stderr, "resuming    run {} after epoch {} of {}\n", outcome.run_id, finished_epochs,
               run.config.training.epochs);
  } else {
    outcome.run_id = store.begin_run(make_run_record(run));
  }
  const auto run_directory = results::run_directory(store.path(), outcome.run_id);
  const auto checkpoint_file = run_directory / kCheckpointFileName;
  const auto weights_file = run_directory / kFinalWeightsFileName;

  ProgressReporter progress = options.quiet ? ProgressReporter(stderr, false) : ProgressReporter::for_stderr();
  std::vector<EpochMetrics> history = resuming ? recorded_epochs(store, outcome.run_id, finished_epochs)
                                               : std::vector<EpochMetrics>{};
  try {
    // The first beat also records this process's id; the heartbeat thread repeats it every few seconds.
    results::heartbeat_run(store, outcome.run_id);
    results::RunLinks links;
    links.task = kClassifyTask;
    if (options.rerun_of > 0) links.rerun_of = options.rerun_of;
    results::set_run_links(store, outcome.run_id, links);
    if (options.on_run_started && !resuming) options.on_run_started(store, outcome.run_id);
    const Heartbeat heartbeat(store.path(), outcome.run_id);

    for (int64_t epoch = finished_epochs + 1; epoch <= run.config.training.epochs; ++epoch) {
      const EpochMetrics metrics = trainer.run_epoch(epoch, progress, evaluates_after(epoch, run.config.training));
      store.log_epoch(outcome.run_id, epoch, metric_rows(metrics));
      if (!options.quiet) progress.end_epoch(metrics);
      history.push_back(metrics);
      if (metrics.first_non_finite_step > 0) return record_divergence(store, outcome.run_id, metrics);

      // The epoch is recorded before its checkpoint: a crash in between leaves a checkpoint one epoch
      // behind, and resuming deletes the newer epoch's rows and trains it again.
      save_checkpoint(checkpoint_file, epoch, trainer.training_state());
      results::record_run_file(store, outcome.run_id, kCheckpointFileName, checkpoint_file);
      throw_if_stop_requested(epoch);
    }
    save_weights(weights_file, *trainer.model());
    results::record_run_file(store, outcome.run_id, kFinalWeightsFileName, weights_file);
  } catch (const Interrupted& error) {
    finish_run_safely(store, outcome.run_id, results::RunStatus::kInterrupted, error.what());
    fmt::print(stderr, "\nrun {} interrupted after {} finished epoch(s); they are kept in {}\n", outcome.run_id,
               history.size(), outcome.database);
    if (!history.empty()) fmt::print(stderr, "continue it with: runner resume {} --db {}\n", outcome.run_id,
                                     outcome.database);
    return ExitCode::kInterrupted;
  } catch (const std::exception& error) {
    finish_run_safely(store, outcome.run_id, results::RunStatus::kFailed, error.what());
    fmt::print(stderr, "\nerror: run {} failed: {}\n", outcome.run_id, error.what());
    return ExitCode::kRunFailed;
  }
  store.finish_run(outcome.run_id, results::RunStatus::kCompleted);
  if (options.quiet) {
    if (!history.empty()) print_summary_line(stdout, outcome.run_id, history.back());
    return ExitCode::kOk;
  }
  print_summary_table(stdout, history);
  fmt::print(stdout, "\nrun {} completed; results in {}\n  sqlite3 {} \"SELECT * FROM epochs WHERE run_id = {}\"\n",
             outcome.run_id, outcome.database, outcome.database, outcome.run_id);
  return ExitCode::kOk;
}

}  // namespace runner::train
