#include "runner/train/prepared_run.h"

#include <torch/torch.h>

#include <fmt/format.h>

#include "runner/data/image_dataset.h"
#include "runner/data/label_noise.h"
#include "runner/random_streams.h"
#include "runner/version.h"

namespace runner::train {

namespace {

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

}  // namespace

PreparedRun prepare_run(const RunOptions& options) {
  const auto root = load_config_node(options);
  PreparedRun run{config::parse_experiment(root, data::dataset_names())};
  config::ExperimentConfig& config = run.config;
  // With config text, config_file is only the name the run row records (the sweep file, say).
  if (options.config_text && !options.config_file.empty()) config.config_file = options.config_file.string();
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
  // Before the model exists: on CUDA the cuBLAS setting must precede the first matrix product.
  run.determinism_note = set_deterministic(config.deterministic, run.environment.device);
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
  if (c.deterministic) {
    fmt::print(stderr, "determinism deterministic algorithms on{}\n",
               run.determinism_note.empty() ? "" : "; " + run.determinism_note);
  }
  fmt::print(stderr, "data        {}: {} training, {} test images, batch {}\n", run.dataset_description,
             run.train.size(), run.test.size(), c.data.batch_size);
  if (c.label_noise_rate > 0) fmt::print(stderr, "label noise {} labels changed\n", run.labels_changed);
  fmt::print(stderr, "model       {} layers, {} parameters\n", run.model.layers.size(), run.model.parameter_count);
  fmt::print(stderr, "optimizer   {} lr {:g}, weight decay {:g}; {} epochs\n", c.optimizer.name, c.optimizer.lr,
             c.optimizer.weight_decay, c.training.epochs);
}

}  // namespace runner::train
