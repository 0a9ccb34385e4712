// The typed experiment config: every section of the YAML file, validated, with defaults filled in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runner/config/config_node.h"

namespace runner::config {

struct NormalizationConfig {
  // "dataset": per-channel mean and standard deviation of the training images;
  // "fixed": the given mean and std; "none": pixels scaled to [0, 1] only.
  std::string mode = "dataset";
  std::vector<double> mean;  // per channel, in [0, 1] pixel units
  std::vector<double> std;
  SourceLocation location;  // of the `normalize` section, for errors found once the data is loaded
};

struct DataConfig {
  std::string dataset;  // one of runner::data::dataset_names()
  std::string path;
  int64_t train_samples = 0;  // 0 = all
  int64_t test_samples = 0;   // 0 = all
  int64_t batch_size = 64;
  int64_t test_batch_size = 1000;
  bool shuffle = true;
  NormalizationConfig normalize;
};

struct OptimizerConfig {
  std::string name = "adam";  // sgd, adam, adamw
  double lr = 1e-3;
  double weight_decay = 0.0;
  double momentum = 0.0;  // sgd only
  bool nesterov = false;  // sgd only
  double beta1 = 0.9;     // adam, adamw
  double beta2 = 0.999;
  double eps = 1e-8;
};

struct LossConfig {
  std::string name = "cross_entropy";
  double label_smoothing = 0.0;
};

struct TrainingConfig {
  int64_t epochs = 5;
  double grad_clip_norm = 0.0;  // 0 = no clipping
  bool train_accuracy = true;   // evaluate the whole training set after each epoch, as the lecture does
  int64_t eval_every = 1;       // evaluate after every N-th epoch and always after the last one
};

struct AugmentationConfig {
  double hflip = 0.0;        // probability of a horizontal flip per training image
  int64_t crop_padding = 0;  // random crop to the original size after zero padding by this many pixels
};

struct ExperimentConfig {
  std::string name;
  std::string config_file;
  uint64_t seed = 0;
  std::string device = "auto";  // auto, cpu, cuda, cuda:N
  int64_t threads = 0;          // 0 = one per available core
  bool deterministic = false;   // LibTorch picks deterministic kernels and rejects ops that have none
  DataConfig data;
  OptimizerConfig optimizer;
  LossConfig loss;
  TrainingConfig training;
  AugmentationConfig augmentation;
  double label_noise_rate = 0.0;
  std::string results_database;
  ConfigNode root;   // the whole tree: the model section is read from it when the model is built
  ConfigNode model;  // the `model` section
};

// Reads and validates every section except the model's layers, which the registry reads while it
// builds the model. `dataset_names` lists the valid values of data.dataset.
ExperimentConfig parse_experiment(const ConfigNode& root, const std::vector<std::string>& dataset_names);

const std::vector<std::string>& optimizer_names();
const std::vector<std::string>& loss_names();

// Reads the `optimizer` section under `parent` (absent means every default), as parse_experiment does.
// The text experiment driver uses it for each stage of a text config.
OptimizerConfig parse_optimizer_section(const ConfigNode& parent);
// Reads `device` under `root` (auto, cpu, cuda or cuda:N), as parse_experiment does.
std::string parse_device_key(const ConfigNode& root);

}  // namespace runner::config
