#include "runner/config/experiment_config.h"

#include <regex>

#include <fmt/format.h>

namespace runner::config {

namespace {

NormalizationConfig parse_normalization(const ConfigNode& data) {
  NormalizationConfig normalization;
  const ConfigNode section = data.child_or_empty("normalize");
  normalization.location = section.location();
  normalization.mode = section.get_choice("mode", "dataset", {"dataset", "fixed", "none"});
  if (normalization.mode == "fixed") {
    normalization.mean = section.get_double_list("mean", std::nullopt, Range::between(0.0, 1.0));
    normalization.std = section.get_double_list("std", std::nullopt, Range::positive());
    if (normalization.mean.size() != normalization.std.size()) {
      section.fail("std", fmt::format("must have one value per channel like mean ({} values), got {}",
                                      normalization.mean.size(), normalization.std.size()));
    }
  }
  section.check_unknown_keys();
  return normalization;
}

DataConfig parse_data(const ConfigNode& root, const std::vector<std::string>& dataset_names) {
  DataConfig data;
  const ConfigNode section = root.child("data");
  data.dataset = section.get_choice("dataset", std::nullopt, dataset_names);
  data.path = section.get_string("path", std::nullopt);
  data.train_samples = section.get_int("train_samples", 0, Range::at_least(0));
  data.test_samples = section.get_int("test_samples", 0, Range::at_least(0));
  data.batch_size = section.get_int("batch_size", 64, Range::at_least(1));
  data.test_batch_size = section.get_int("test_batch_size", 1000, Range::at_least(1));
  data.shuffle = section.get_bool("shuffle", true);
  data.normalize = parse_normalization(section);
  section.check_unknown_keys();
  return data;
}

OptimizerConfig parse_optimizer(const ConfigNode& root) {
  OptimizerConfig optimizer;
  const ConfigNode section = root.child_or_empty("optimizer");
  optimizer.name = section.get_choice("name", "adam", optimizer_names());
  optimizer.lr = section.get_double("lr", 1e-3, Range::positive());
  optimizer.weight_decay = section.get_double("weight_decay", optimizer.name == "adamw" ? 0.01 : 0.0,
                                              Range::at_least(0.0));
  // Options of the other optimizers are rejected by name, so `momentum` under adam is not reported
  // as an unknown key although docs/config.md lists it.
  const std::vector<std::string> sgd_only = {"momentum", "nesterov"};
  const std::vector<std::string> adam_only = {"betas", "eps"};
  for (const auto& key : optimizer.name == "sgd" ? adam_only : sgd_only) {
    if (section.has(key)) {
      section.fail(key, fmt::format("applies only to optimizer.name: {}, not {}",
                                    optimizer.name == "sgd" ? "adam or adamw" : "sgd", optimizer.name),
                   "remove it or change optimizer.name");
    }
  }
  if (optimizer.name == "sgd") {
    optimizer.momentum = section.get_double("momentum", 0.0, Range::between(0.0, 1.0));
    optimizer.nesterov = section.get_bool("nesterov", false);
    if (optimizer.nesterov && optimizer.momentum <= 0.0) {
      section.fail("nesterov", "Nesterov momentum needs optimizer.momentum > 0", "set momentum: 0.9, for example");
    }
  } else {
    const std::vector<double> betas = section.get_double_list("betas", std::vector<double>{0.9, 0.999},
                                                              Range{0.0, 1.0, false, true});
    if (betas.size() != 2) section.fail("betas", fmt::format("must be a list of 2 numbers, got {}", betas.size()));
    optimizer.beta1 = betas[0];
    optimizer.beta2 = betas[1];
    optimizer.eps = section.get_double("eps", 1e-8, Range::positive());
  }
  section.check_unknown_keys();
  return optimizer;
}

LossConfig parse_loss(const ConfigNode& root) {
  LossConfig loss;
  const ConfigNode section = root.child_or_empty("loss");
  loss.name = section.get_choice("name", "cross_entropy", loss_names());
  loss.label_smoothing = section.get_double("label_smoothing", 0.0, Range{0.0, 1.0, false, true});
  section.check_unknown_keys();
  return loss;
}

TrainingConfig parse_training(const ConfigNode& root) {
  TrainingConfig training;
  const ConfigNode section = root.child_or_empty("training");
  training.epochs = section.get_int("epochs", 5, Range::at_least(1));
  training.grad_clip_norm = section.get_double("grad_clip_norm", 0.0, Range::at_least(0.0));
  training.train_accuracy = section.get_bool("train_accuracy", true);
  training.eval_every = section.get_int("eval_every", 1, Range::at_least(1));
  section.check_unknown_keys();
  return training;
}

AugmentationConfig parse_augmentation(const ConfigNode& root) {
  AugmentationConfig augmentation;
  const ConfigNode section = root.child_or_empty("augmentation");
  augmentation.hflip = section.get_double("hflip", 0.0, Range::between(0.0, 1.0));
  augmentation.crop_padding = section.get_int("crop_padding", 0, Range::at_least(0));
  section.check_unknown_keys();
  return augmentation;
}

std::string parse_device(const ConfigNode& root) {
  const std::string device = root.get_string("device", "auto");
  static const std::regex kDevicePattern("auto|cpu|cuda(:[0-9]+)?");
  if (!std::regex_match(device, kDevicePattern)) {
    root.fail("device", fmt::format("invalid device '{}'", device), "use auto, cpu, cuda or cuda:N");
  }
  return device;
}

}  // namespace

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> kNames = {"sgd", "adam", "adamw"};
  return kNames;
}

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> kNames = {"cross_entropy"};
  return kNames;
}

ExperimentConfig parse_experiment(const ConfigNode& root, const std::vector<std::string>& dataset_names) {
  ExperimentConfig config;
  config.root = root;
  config.config_file = root.file();
  config.name = root.get_string("name", std::nullopt);
  if (config.name.empty()) root.fail("name", "must not be empty");
  config.seed = static_cast<uint64_t>(root.get_int("seed", 0, Range::at_least(0)));
  config.device = parse_device(root);
  config.threads = root.get_int("threads", 0, Range::at_least(0));
  config.deterministic = root.get_bool("deterministic", false);
  config.data = parse_data(root, dataset_names);
  config.optimizer = parse_optimizer(root);
  config.loss = parse_loss(root);
  config.training = parse_training(root);
  config.augmentation = parse_augmentation(root);

  const ConfigNode label_noise = root.child_or_empty("label_noise");
  config.label_noise_rate = label_noise.get_double("rate", 0.0, Range::between(0.0, 1.0));
  label_noise.check_unknown_keys();

  const ConfigNode results = root.child_or_empty("results");
  config.results_database = results.get_string("database", "results/runs.db");
  results.check_unknown_keys();

  config.model = root.child("model");
  root.check_unknown_keys();
  return config;
}

OptimizerConfig parse_optimizer_section(const ConfigNode& parent) { return parse_optimizer(parent); }

std::string parse_device_key(const ConfigNode& root) { return parse_device(root); }

}  // namespace runner::config
