// One epoch of training and one evaluation pass, as named steps. Loss sums and correct counts stay
// on the device and are read once per epoch. The only other read is the progress bar's running loss,
// at most four times a second and only on a terminal.
#pragma once

#include <memory>

#include <ATen/core/Generator.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/optim/optimizer.h>

#include "runner/config/experiment_config.h"
#include "runner/train/augmentation.h"
#include "runner/train/checkpoint.h"
#include "runner/train/image_tensors.h"
#include "runner/train/progress.h"

namespace runner::train {

struct EvaluationResult {
  double loss = 0.0;      // mean over samples
  double accuracy = 0.0;  // fraction in [0, 1]
};

class Trainer {
 public:
  Trainer(const config::ExperimentConfig& config, torch::nn::Sequential model, ImageTensors train,
          ImageTensors test, BatchNormalizer normalizer, torch::Device device);

  // Trains one epoch (1-based) and returns its metrics. With `evaluate` false the test set and the
  // training accuracy are not measured, and those metrics are NaN; evaluation draws no random numbers,
  // so skipping it leaves every later epoch unchanged.
  EpochMetrics run_epoch(int64_t epoch, ProgressReporter& progress, bool evaluate = true);
  EvaluationResult evaluate(const ImageTensors& set);

  // The model, the optimizer and every random generator that training draws from, for checkpoints.
  // On CUDA that includes the device's default generator, which dropout draws from there.
  TrainingState training_state();

  torch::nn::Sequential& model() { return model_; }
  const ImageTensors& train_set() const { return train_; }
  const ImageTensors& test_set() const { return test_; }

 private:
  // Returns the mean training loss of the epoch and its duration in seconds.
  std::pair<double, double> train_epoch(int64_t epoch, ProgressReporter& progress);
  torch::Tensor loss_of(const torch::Tensor& logits, const torch::Tensor& labels) const;
  void clip_gradients();

  const config::ExperimentConfig& config_;
  torch::nn::Sequential model_;
  ImageTensors train_;
  ImageTensors test_;
  BatchNormalizer normalizer_;
  torch::Device device_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  Augmenter augmenter_;
  at::Generator order_generator_;
  // () int64 on the device: the first step whose loss was not finite, or -1. Updated every step without
  // a host sync and read at the end of each epoch.
  torch::Tensor first_non_finite_step_;
};

}  // namespace runner::train
