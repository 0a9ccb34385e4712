#include "runner/train/optimizer_factory.h"

#include <torch/torch.h>

namespace runner::train {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const config::OptimizerConfig& config,
                                                        const std::vector<torch::Tensor>& parameters) {
  using namespace torch::optim;
  if (config.name == "sgd") {
    return std::make_unique<SGD>(parameters, SGDOptions(config.lr)
                                                 .momentum(config.momentum)
                                                 .nesterov(config.nesterov)
                                                 .weight_decay(config.weight_decay));
  }
  if (config.name == "adam") {
    return std::make_unique<Adam>(parameters, AdamOptions(config.lr)
                                                  .betas(std::make_tuple(config.beta1, config.beta2))
                                                  .eps(config.eps)
                                                  .weight_decay(config.weight_decay));
  }
  // Config validation admits only the names above and adamw.
  return std::make_unique<AdamW>(parameters, AdamWOptions(config.lr)
                                                 .betas(std::make_tuple(config.beta1, config.beta2))
                                                 .eps(config.eps)
                                                 .weight_decay(config.weight_decay));
}

double current_learning_rate(const torch::optim::Optimizer& optimizer) {
  return optimizer.param_groups().front().options().get_lr();
}

}  // namespace runner::train
