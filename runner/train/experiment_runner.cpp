#include "runner/train/experiment_runner.h"

#include <torch/torch.h>

#include <fmt/format.h>

#include "registry/model_builder.h"
#include "results/metric_names.h"
#include "results/store.h"
#include "runner/config/experiment_config.h"
#include "runner/data/image_dataset.h"
#include "runner/data/label_noise.h"
#include "runner/random_streams.h"
#include "runner/train/environment.h"
#include "runner/train/interrupt.h"
#include "runner/train/summary_table.h"
#include "runner/train/trainer.h"
#include "runner/version.h"

namespace runner::train {

namespace {

// Everything a run needs, prepared before anything is written to the results database, so that a
// config or data error leaves the database untouched.
struct PreparedRun {
  config::ExperimentConfig config;
  ComputeEnvironment environment;
  registry::BuiltModel model;
  ImageTensors train;
  ImageTensors test;
  ChannelStatistics statistics;
  int64_t labels_changed = 0;
  std::string dataset_description;
};

ChannelStatistics normalization_statistics(const config::NormalizationConfig& normalize, const ImageTensors& train) {
  const int64_t channels = train.images.size(1);
  if (normalize.mode == "dataset") return channel_statistics(train.images);
  if (normalize.mode == "none") return {std::vector<double>(channels, 0.0), std::vector<double>(channels, 1.0)};
  if (static_cast<int64_t>(normalize.mean.size()) != channels) {
    throw ConfigError(normalize.location, "data.normalize.mean",
                      fmt::format("has {} values but the images have {} channel(s)", normalize.mean.size(), channels),
                      "give one mean and one std per channel");
  }
  return {normalize.mean, normalize.std};
}

PreparedRun prepare_run(const RunOptions& options) {
  const auto root = load_config_node(options);
  PreparedRun run{config::parse_experiment(root, data::dataset_names())};
  config::ExperimentConfig& config = run.config;
  if (options.database) config.results_database = *options.database;
  if (options.device_override) config.device = *options.device_override;
  if (options.threads_override) config.threads = *options.threads_override;

  data::ImageDataset dataset = data::load_image_dataset(config.data.dataset, config.data.path);
  run.dataset_description = dataset.description;
  auto& train_labels = dataset.train.labels;
  const int64_t train_count = config.data.train_samples > 0 ? std::min(config.data.train_samples, dataset.train.count)
                                                            : dataset.train.count;
  // Noise is applied to the samples actually used, so exactly round(rate * N) of them change.
  std::vector<int64_t> used_labels(train_labels.begin(), train_labels.begin() + train_count);
  run.labels_changed = data::apply_label_noise(used_labels, static_cast<int64_t>(dataset.class_names.size()),
                                               config.label_noise_rate,
                                               derive_seed(config.seed, kLabelNoiseStream));
  std::copy(used_labels.begin(), used_labels.end(), train_labels.begin());

  try {
    run.environment = set_up_environment(config.device, config.threads);
  } catch (const std::runtime_error& error) {
    config.root.fail("device", error.what());
  }
  run.train = to_tensors(dataset.train, train_count, run.environment.device);
  run.test = to_tensors(dataset.test, config.data.test_samples, run.environment.device);
  run.statistics = normalization_statistics(config.data.normalize, run.train);

  torch::manual_seed(derive_seed(config.seed, kInitStream));
  const registry::Shape input_shape = {dataset.train.channels, dataset.train.height, dataset.train.width};
  run.model = registry::build_model(config.model, input_shape);
  const auto classes = static_cast<int64_t>(dataset.class_names.size());
  if (run.model.output_shape != registry::Shape{classes}) {
    throw ConfigError(config.model.location(), "model.layers",
                      fmt::format("the model outputs shape {} but the dataset has {} classes",
                                  registry::format_shape(run.model.output_shape), classes),
                      fmt::format("end the model with a linear layer with out_features: {}", classes));
  }
  run.model.net->to(run.environment.device);
  // Dropout and stochastic depth draw from LibTorch's global generator; give it its own stream.
  torch::manual_seed(derive_seed(config.seed, kDropoutStream));
  return run;
}

results::RunRecord make_run_record(const PreparedRun& run) {
  results::RunRecord record;
  record.experiment = run.config.name;
  record.config_file = run.config.config_file;
  record.config_json = run.config.root.resolved().dump();
  record.seed = static_cast<int64_t>(run.config.seed);
  record.device = run.environment.device_text;
  record.device_name = run.environment.device_name;
  record.host = run.environment.host;
  record.torch_version = torch_version();
  record.runner_version = runner_version();
  record.git_commit = git_commit();
  record.blas = run.environment.blas;
  record.threads = run.environment.threads;
  record.parameter_count = run.model.parameter_count;
  record.labels_changed = run.labels_changed;
  return record;
}

void print_start(const PreparedRun& run) {
  const auto& c = run.config;
  fmt::print(stderr, "runner {} ({}), LibTorch {}\n", runner_version(), git_commit(), torch_version());
  fmt::print(stderr, "experiment  {} (seed {}) from {}\n", c.name, c.seed, c.config_file);
  fmt::print(stderr, "device      {} ({}), {} thread(s)\n", run.environment.device_text, run.environment.device_name,
             run.environment.threads);
  fmt::print(stderr, "blas        {}\n", run.environment.blas);
  fmt::print(stderr, "data        {}: {} training, {} test images, batch {}\n", run.dataset_description,
             run.train.size(), run.test.size(), c.data.batch_size);
  if (c.label_noise_rate > 0) fmt::print(stderr, "label noise {} labels changed\n", run.labels_changed);
  fmt::print(stderr, "model       {} layers, {} parameters\n", run.model.layers.size(), run.model.parameter_count);
  fmt::print(stderr, "optimizer   {} lr {:g}, weight decay {:g}; {} epochs\n", c.optimizer.name, c.optimizer.lr,
             c.optimizer.weight_decay, c.training.epochs);
}

std::vector<std::pair<std::string, double>> metric_rows(const EpochMetrics& m) {
  using namespace results;
  std::vector<std::pair<std::string, double>> rows = {
      {kTrainLoss, m.train_loss},     {kTestLoss, m.test_loss},
      {kTestAccuracy, m.test_accuracy}, {kEpochSeconds, m.seconds},
      {kImagesPerSecond, m.images_per_second}, {kLearningRate, m.learning_rate}};
  if (!std::isnan(m.train_accuracy)) rows.emplace_back(kTrainAccuracy, m.train_accuracy);
  return rows;
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

ExitCode train_and_record(PreparedRun& run, const RunOptions& options, RunOutcome& outcome) {
  results::ResultsStore store(run.config.results_database);
  outcome.database = store.path().string();
  outcome.run_id = store.begin_run(make_run_record(run));

  Trainer trainer(run.config, run.model.net, run.train, run.test, BatchNormalizer(run.statistics, run.environment.device),
                  run.environment.device);
  ProgressReporter progress = options.quiet ? ProgressReporter(stderr, false) : ProgressReporter::for_stderr();
  std::vector<EpochMetrics> history;
  try {
    if (options.on_run_started) options.on_run_started(store, outcome.run_id);
    for (int64_t epoch = 1; epoch <= run.config.training.epochs; ++epoch) {
      const EpochMetrics metrics = trainer.run_epoch(epoch, progress);
      store.log_epoch(outcome.run_id, epoch, metric_rows(metrics));
      if (!options.quiet) progress.end_epoch(metrics);
      history.push_back(metrics);
      if (!std::isfinite(metrics.train_loss)) {
        const std::string value = std::isnan(metrics.train_loss) ? "NaN" : fmt::format("{}", metrics.train_loss);
        const std::string reason = fmt::format("training loss became {} in epoch {}", value, epoch);
        finish_run_safely(store, outcome.run_id, results::RunStatus::kDiverged, reason);
        fmt::print(stderr, "error: run {} diverged: {}; lower optimizer.lr or set training.grad_clip_norm\n",
                   outcome.run_id, reason);
        return ExitCode::kRunFailed;
      }
    }
  } catch (const Interrupted& error) {
    finish_run_safely(store, outcome.run_id, results::RunStatus::kInterrupted, error.what());
    fmt::print(stderr, "\nrun {} interrupted after {} finished epoch(s); they are kept in {}\n", outcome.run_id,
               history.size(), outcome.database);
    return ExitCode::kInterrupted;
  } catch (const std::exception& error) {
    finish_run_safely(store, outcome.run_id, results::RunStatus::kFailed, error.what());
    fmt::print(stderr, "\nerror: run {} failed: {}\n", outcome.run_id, error.what());
    return ExitCode::kRunFailed;
  }
  store.finish_run(outcome.run_id, results::RunStatus::kCompleted);
  print_summary_table(stdout, history);
  fmt::print(stdout, "\nrun {} completed; results in {}\n  sqlite3 {} \"SELECT * FROM epochs WHERE run_id = {}\"\n",
             outcome.run_id, outcome.database, outcome.database, outcome.run_id);
  return ExitCode::kOk;
}

}  // namespace

config::ConfigNode load_config_node(const RunOptions& options) {
  if (!options.config_text) return config::ConfigNode::parse_file(options.config_file);
  std::string name = options.config_source_name.empty() ? options.config_file.string() : options.config_source_name;
  if (name.empty()) name = "config text";
  return config::ConfigNode::parse_string(*options.config_text, name);
}

RunOutcome run_experiment(const RunOptions& options) {
  RunOutcome outcome;
  install_interrupt_handlers();
  try {
    PreparedRun run = prepare_run(options);
    if (!options.quiet) print_start(run);
    outcome.exit_code = train_and_record(run, options, outcome);
  } catch (const ConfigError& error) {
    fmt::print(stderr, "config error: {}\n", error.what());
    outcome.exit_code = ExitCode::kConfig;
  } catch (const DataError& error) {
    fmt::print(stderr, "data error: {}\n", error.what());
    outcome.exit_code = ExitCode::kData;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    outcome.exit_code = ExitCode::kRunFailed;
  }
  return outcome;
}

}  // namespace runner::train
