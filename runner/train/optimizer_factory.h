// Builds the configured LibTorch optimizer over a model's parameters.
#pragma once

#include <memory>
#include <vector>

#include <torch/optim/optimizer.h>

#include "runner/config/experiment_config.h"

namespace runner::train {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const config::OptimizerConfig& config,
                                                        const std::vector<torch::Tensor>& parameters);

// The learning rate of the optimizer's first parameter group.
double current_learning_rate(const torch::optim::Optimizer& optimizer);

}  // namespace runner::train
