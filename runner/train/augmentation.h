// Training-time augmentation of normalised image batches: random horizontal flips and random crops
// after zero padding, drawn from the run's augmentation stream.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include "runner/config/experiment_config.h"

namespace runner::train {

class Augmenter {
 public:
  Augmenter(const config::AugmentationConfig& config, uint64_t seed);
  bool enabled() const;
  torch::Tensor operator()(const torch::Tensor& batch);  // (N, C, H, W) float -> same shape
  // The generator every flip and crop draws from, for checkpoints.
  at::Generator generator() const { return generator_; }

 private:
  torch::Tensor flip(const torch::Tensor& batch);
  torch::Tensor crop(const torch::Tensor& batch);

  config::AugmentationConfig config_;
  at::Generator generator_;  // CPU generator, so a GPU run draws the same flips as a CPU run
};

}  // namespace runner::train
