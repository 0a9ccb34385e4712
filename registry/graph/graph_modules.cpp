#include "registry/graph/graph_modules.h"

#include <string>

#include <torch/torch.h>

namespace runner::registry {

void SequenceImpl::push_back(const torch::nn::AnyModule& module) {
  // Children are named by position, as in torch::nn::Sequential: "0", "1", ...
  register_module(std::to_string(modules_.size()), module.ptr());
  modules_.push_back(module);
}

torch::Tensor SequenceImpl::forward(torch::Tensor input) {
  for (torch::nn::AnyModule& module : modules_) input = module.forward(input);
  return input;
}

ResidualImpl::ResidualImpl(Sequence body, std::optional<torch::nn::AnyModule> shortcut,
                           std::optional<torch::nn::AnyModule> activation)
    : body_(register_module("body", std::move(body))),
      shortcut_(std::move(shortcut)),
      activation_(std::move(activation)) {
  if (shortcut_) register_module("shortcut", shortcut_->ptr());
  if (activation_) register_module("activation", activation_->ptr());
}

torch::Tensor ResidualImpl::forward(torch::Tensor input) {
  torch::Tensor sum = body_->forward(input) + (shortcut_ ? shortcut_->forward(input) : input);
  return activation_ ? activation_->forward(sum) : sum;
}

ParallelImpl::ParallelImpl(std::vector<Sequence> branches, JoinMode join) : join_(join) {
  for (Sequence& branch : branches) {
    branches_.push_back(register_module("branch" + std::to_string(branches_.size()), branch));
  }
}

torch::Tensor ParallelImpl::forward(torch::Tensor input) {
  std::vector<torch::Tensor> outputs;
  for (Sequence& branch : branches_) outputs.push_back(branch->forward(input));
  if (join_ == JoinMode::kConcat) return torch::cat(outputs, 1);

  torch::Tensor sum = outputs[0];
  for (size_t i = 1; i < outputs.size(); ++i) sum = sum + outputs[i];
  return sum;
}

}  // namespace runner::registry
