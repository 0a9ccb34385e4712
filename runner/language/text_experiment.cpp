#include "runner/language/text_experiment.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <cmath>
#include <string>
#include <vector>

#include "registry/model_builder.h"
#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "runner/error_report.h"
#include "runner/language/prepared_text_run.h"
#include "runner/language/stage_trainer.h"
#include "runner/language/task_types.h"
#include "runner/text/vec_file.h"
#include "runner/train/heartbeat.h"
#include "runner/train/interrupt.h"
#include "runner/version.h"

namespace runner::language {

namespace {

// Sends the loop's numbers to the run's rows.
class DatabaseStageLog : public StageLog {
 public:
  DatabaseStageLog(results::ResultsStore& store, int64_t run_id) : store_(store), run_id_(run_id) {}

  void log_step(int64_t step, int64_t epoch, const MetricList& metrics) override {
    results::log_step(store_, run_id_, step, epoch, metrics);
  }
  void log_epoch(int64_t epoch, const MetricList& metrics) override { store_.log_epoch(run_id_, epoch, metrics); }

 private:
  results::ResultsStore& store_;
  int64_t run_id_;
};

// One stage's row of the final summary.
struct StageSummary {
  std::string name;
  std::string task_type;
  int64_t run_id = 0;
  MetricList final_metrics;
};

bool has_stages(const PreparedTextRun& run) { return run.config.root.has("stages"); }

std::string experiment_name(const PreparedTextRun& run, const PreparedStage& stage) {
  return has_stages(run) ? run.config.name + "/" + stage.config->name : run.config.name;
}

results::RunRecord make_stage_record(const PreparedTextRun& run, PreparedStage& stage) {
  // The stored config names its stage, so that `runner generate` finds the stage's task and
  // re-running the config stops after this stage.
  nlohmann::json config = run.config.root.resolved();
  if (has_stages(run)) config["last_stage"] = stage.config->name;

  results::RunRecord record;
  record.experiment = experiment_name(run, stage);
  record.config_file = run.config.config_file;
  record.config_json = config.dump();
  record.seed = static_cast<int64_t>(run.config.seed);
  record.device = run.environment.device_text;
  record.device_name = run.environment.device_name;
  record.host = run.environment.host;
  record.torch_version = train::torch_version();
  record.runner_version = runner_version();
  record.git_commit = git_commit();
  record.blas = run.environment.blas;
  record.threads = run.environment.threads;
  record.parameter_count = registry::count_parameters(stage.task->module());
  return record;
}

void print_start(const PreparedTextRun& run) {
  const TextExperimentConfig& c = run.config;
  const TokenCorpus& corpus = *run.corpus->tokens;
  fmt::print(stderr, "runner {} ({}), LibTorch {}\n", runner_version(), git_commit(), train::torch_version());
  fmt::print(stderr, "experiment  {} (seed {}) from {}\n", c.name, c.seed, c.config_file);
  fmt::print(stderr, "device      {} ({}), {} thread(s)\n", run.environment.device_text, run.environment.device_name,
             run.environment.threads);
  fmt::print(stderr, "corpus      {}: {} training and {} held-out tokens, vocabulary {}\n", run.corpus->config.corpus,
             corpus.train.size(0), corpus.held_out.size(0), corpus.vocabulary_size);
  const double baseline = unigram_held_out_loss(corpus);
  if (!std::isnan(baseline)) {
    fmt::print(stderr, "baseline    unigram held-out loss {:.4f} (perplexity {:.1f})\n", baseline, std::exp(baseline));
  }
  for (const PreparedStage& stage : run.stages) {
    const TextTrainingConfig& t = stage.config->training;
    fmt::print(stderr, "stage       {}: task {}, {} parameters, {} {} of batch {}, {} lr {:g}\n", stage.config->name,
               stage.config->task_type, registry::count_parameters(stage.task->module()),
               t.steps > 0 ? t.steps : t.epochs, t.steps > 0 ? "steps" : "epoch(s)", t.batch_size,
               stage.config->optimizer.name, stage.config->optimizer.lr);
  }
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

// Writes and records the corpus files, the weights and, for a task with one, the embedding.
void save_stage_files(results::ResultsStore& store, int64_t run_id, const PreparedTextRun& run, LanguageTask& task,
                      bool corpus_files) {
  const std::filesystem::path directory = results::run_directory(store.path(), run_id);
  std::filesystem::create_directories(directory);
  if (corpus_files) {
    for (const auto& [name, path] : write_corpus_files(*run.corpus, directory)) {
      results::record_run_file(store, run_id, name, path);
    }
    return;
  }

  task.save(directory / kModelFileName);
  results::record_run_file(store, run_id, kModelFileName, directory / kModelFileName);
  if (const std::optional<torch::Tensor> embedding = task.embedding()) {
    text::WordVectors vectors;
    vectors.words = run.corpus->tokens->words;
    vectors.dim = static_cast<int>(embedding->size(1));
    const torch::Tensor contiguous = embedding->contiguous();
    vectors.values.assign(contiguous.data_ptr<float>(), contiguous.data_ptr<float>() + contiguous.numel());
    text::write_vec_file(directory / kEmbeddingFileName, vectors);
    results::record_run_file(store, run_id, kEmbeddingFileName, directory / kEmbeddingFileName);
  }
}

// Starts the stage's run, trains it and records how it ended. Returns kOk only when it completed.
ExitCode train_stage(PreparedTextRun& run, size_t index, const train::RunOptions& options, results::ResultsStore& store,
                     std::vector<StageSummary>& summaries) {
  PreparedStage& stage = run.stages[index];
  if (stage.source_stage >= 0) {
    // The earlier stage has trained by now: copy its final embedding (shapes were checked up front).
    const StageSummary& source = summaries[stage.source_stage];
    stage.task->set_embedding(*run.stages[stage.source_stage].task->embedding(), stage.config->init_embedding.freeze);
    stage.source_run = source.run_id;
  }

  const int64_t run_id = store.begin_run(make_stage_record(run, stage));
  summaries.push_back({stage.config->name, stage.config->task_type, run_id, {}});
  try {
    // The first beat also records this process's id; the heartbeat thread repeats it every few seconds.
    results::heartbeat_run(store, run_id);
    results::RunLinks links;
    links.task = stage.config->task_type;
    if (stage.source_run > 0) links.source_run = stage.source_run;
    // A rerun or a sweep trial is about the run of the last stage, which RunOutcome returns. The
    // earlier stages are only the steps that lead to it, so they get no rerun or trial links.
    const bool last_stage = index + 1 == run.stages.size();
    if (last_stage && options.rerun_of > 0) links.rerun_of = options.rerun_of;
    results::set_run_links(store, run_id, links);
    save_stage_files(store, run_id, run, *stage.task, /*corpus_files=*/true);
    if (last_stage && options.on_run_started) options.on_run_started(store, run_id);
    const train::Heartbeat heartbeat(store.path(), run_id);

    DatabaseStageLog log(store, run_id);
    StageTrainer trainer(*stage.config, *stage.task, run.config.seed, run.environment.threads, !options.quiet);
    const StageOutcome outcome = trainer.run(log);
    if (!outcome.epochs.empty()) summaries.back().final_metrics = outcome.epochs.back();
    if (outcome.diverged) {
      results::set_divergence(store, run_id, outcome.diverged_epoch, outcome.diverged_step);
      finish_run_safely(store, run_id, results::RunStatus::kDiverged, outcome.divergence);
      fmt::print(stderr,
                 "error: run {} (stage {}) diverged: {}; lower optimizer.lr, or set training.grad_clip_norm above 0\n",
                 run_id, stage.config->name, outcome.divergence);
      return ExitCode::kRunFailed;
    }
    save_stage_files(store, run_id, run, *stage.task, /*corpus_files=*/false);
  } catch (const train::Interrupted& error) {
    finish_run_safely(store, run_id, results::RunStatus::kInterrupted, error.what());
    fmt::print(stderr, "\nrun {} (stage {}) interrupted; its logged steps and epochs are kept in {}\n", run_id,
               stage.config->name, store.path().string());
    return ExitCode::kInterrupted;
  } catch (const std::exception& error) {
    finish_run_safely(store, run_id, results::RunStatus::kFailed, error.what());
    fmt::print(stderr, "\nerror: run {} (stage {}) failed: {}\n", run_id, stage.config->name, error.what());
    return ExitCode::kRunFailed;
  }
  store.finish_run(run_id, results::RunStatus::kCompleted);
  return ExitCode::kOk;
}

std::string metric_text(const MetricList& metrics, const std::string& name) {
  for (const auto& [key, value] : metrics) {
    if (key == name) return fmt::format("{:.4f}", value);
  }
  return "-";
}

void print_summary(const std::vector<StageSummary>& summaries, const std::string& database) {
  fmt::print(stdout, "\n{:<16} {:>6}  {:<15} {:>10} {:>13} {:>11}\n", "stage", "run", "task", "train_loss",
             "held_out_loss", "perplexity");
  for (const StageSummary& s : summaries) {
    fmt::print(stdout, "{:<16} {:>6}  {:<15} {:>10} {:>13} {:>11}\n", s.name, s.run_id, s.task_type,
               metric_text(s.final_metrics, "train_loss"), metric_text(s.final_metrics, kHeldOutLoss),
               metric_text(s.final_metrics, kPerplexity));
  }
  fmt::print(stdout, "\nresults in {}\n  sqlite3 {} \"SELECT * FROM step_metrics WHERE run_id = {}\"\n", database,
             database, summaries.back().run_id);
  for (const StageSummary& s : summaries) {
    if (!predicts_next_token(s.task_type)) continue;
    fmt::print(stdout, "  runner generate {} --prompt \"in the beginning\" --db {}\n", s.run_id, database);
    break;
  }
}

}  // namespace

bool is_text_config(const config::ConfigNode& root) { return root.has("task") || root.has("stages"); }

train::RunOutcome run_text_experiment(const train::RunOptions& options) {
  train::RunOutcome outcome;
  train::install_interrupt_handlers();
  try {
    std::unique_ptr<PreparedTextRun> run = prepare_text_run(options);
    if (!options.quiet) print_start(*run);

    results::ResultsStore store(run->config.results_database);
    outcome.database = store.path().string();
    std::vector<StageSummary> summaries;
    for (size_t index = 0; index < run->stages.size(); ++index) {
      outcome.exit_code = train_stage(*run, index, options, store, summaries);
      outcome.run_id = summaries.back().run_id;
      if (outcome.exit_code != ExitCode::kOk) return outcome;
    }
    print_summary(summaries, outcome.database);
  } catch (...) {
    const ReportedError reported = report_current_error();
    outcome.exit_code = reported.exit_code;
    outcome.error = reported.message;
  }
  return outcome;
}

}  // namespace runner::language
