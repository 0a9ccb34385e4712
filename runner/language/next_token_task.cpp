#include "runner/language/next_token_task.h"

#include <torch/torch.h>

namespace runner::language {

NextTokenBatch next_token_batch(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t length,
                                torch::Device device) {
  // (batch, length + 1): each row is one window followed by its next token.
  const torch::Tensor offsets = torch::arange(length + 1, torch::kInt64);
  const torch::Tensor rows = positions.to(torch::kInt64).unsqueeze(1) + offsets.unsqueeze(0);
  const torch::Tensor windows = tokens.index_select(0, rows.flatten()).view({positions.size(0), length + 1});
  return {windows.slice(1, 0, length).to(device), windows.select(1, length).to(device)};
}

NextTokenTask::NextTokenTask(std::string type, const TaskInputs& inputs, int64_t context_length)
    : type_(std::move(type)), inputs_(inputs), context_length_(context_length) {}

int64_t NextTokenTask::positions(Split split) const {
  const torch::Tensor& tokens = split == Split::kTrain ? corpus().train : corpus().held_out;
  const int64_t count = tokens.defined() ? tokens.size(0) : 0;
  return std::max<int64_t>(0, count - context_length_);
}

torch::Tensor NextTokenTask::loss(Split split, const torch::Tensor& positions) {
  const torch::Tensor& tokens = split == Split::kTrain ? corpus().train : corpus().held_out;
  const NextTokenBatch batch = next_token_batch(tokens, positions, context_length_, device());
  // Cross-entropy on the logits. The lecture fed softmax probabilities into CrossEntropyLoss, which
  // applies log-softmax to values in [0, 1] a second time and so squeezes the loss and its gradients.
  return torch::nn::functional::cross_entropy(forward(batch.context), batch.next);
}

std::optional<torch::Tensor> NextTokenTask::embedding() const {
  return embedding_weight().detach().to(torch::kCPU, torch::kFloat32).clone();
}

void NextTokenTask::set_embedding(const torch::Tensor& weights, bool freeze) {
  torch::Tensor weight = embedding_weight();
  copy_embedding(weight, weights, freeze);
}

torch::Tensor NextTokenTask::next_token_logits(const torch::Tensor& context) { return forward(context.to(device())); }

}  // namespace runner::language
