// The LibTorch modules of the model graph's containers: sequence, residual and parallel.
//
// Each has a plain forward(Tensor) -> Tensor, so an AnyModule can hold it and a torch::nn::Sequential
// can contain it; a torch::nn::Sequential itself has a templated forward and cannot be nested that way.
#pragma once

#include <optional>
#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/pimpl.h>

namespace runner::registry {

// Modules applied one after another. With no modules it returns its input unchanged.
class SequenceImpl : public torch::nn::Module {
 public:
  void push_back(const torch::nn::AnyModule& module);
  size_t size() const { return modules_.size(); }
  torch::Tensor forward(torch::Tensor input);

 private:
  std::vector<torch::nn::AnyModule> modules_;
};
TORCH_MODULE(Sequence);

// activation(body(x) + shortcut(x)), where a missing shortcut is the identity and a missing
// activation leaves the sum as it is.
class ResidualImpl : public torch::nn::Module {
 public:
  ResidualImpl(Sequence body, std::optional<torch::nn::AnyModule> shortcut,
               std::optional<torch::nn::AnyModule> activation);
  torch::Tensor forward(torch::Tensor input);

 private:
  Sequence body_;
  std::optional<torch::nn::AnyModule> shortcut_;
  std::optional<torch::nn::AnyModule> activation_;
};
TORCH_MODULE(Residual);

enum class JoinMode {
  kSum,    // elementwise sum of equal shapes
  kConcat  // concatenation along the first per-sample dimension (tensor dimension 1)
};

// Runs every branch on the same input and joins the outputs.
class ParallelImpl : public torch::nn::Module {
 public:
  ParallelImpl(std::vector<Sequence> branches, JoinMode join);
  torch::Tensor forward(torch::Tensor input);

 private:
  std::vector<Sequence> branches_;
  JoinMode join_;
};
TORCH_MODULE(Parallel);

}  // namespace runner::registry
