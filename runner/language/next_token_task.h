// The common part of the language models (ngram, lstm_lm, transformer_lm): each reads a window of
// `context` tokens and predicts the token after it with a softmax over the whole vocabulary.
#pragma once

#include <torch/nn/modules/embedding.h>

#include <cstdint>
#include <memory>
#include <string>

#include "runner/language/language_task.h"

namespace runner::language {

// The windows that start at `positions` (batch,) in `tokens` (count,): `context` (batch, length)
// and the token after each window, `next` (batch,). Both int64 on `device`.
struct NextTokenBatch {
  torch::Tensor context;
  torch::Tensor next;
};
NextTokenBatch next_token_batch(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t length,
                                torch::Device device);

class NextTokenTask : public LanguageTask {
 public:
  NextTokenTask(std::string type, const TaskInputs& inputs, int64_t context_length);

  std::string type() const override { return type_; }
  int64_t positions(Split split) const override;
  torch::Tensor loss(Split split, const torch::Tensor& positions) override;
  bool loss_is_cross_entropy() const override { return true; }
  std::optional<torch::Tensor> embedding() const override;
  void set_embedding(const torch::Tensor& weights, bool freeze) override;
  int64_t context_length() const override { return context_length_; }
  torch::Tensor next_token_logits(const torch::Tensor& context) override;

 protected:
  // (batch, context_length) int64 -> (batch, vocabulary_size) logits.
  virtual torch::Tensor forward(const torch::Tensor& context) = 0;
  // The input embedding's weight, (vocabulary_size, embedding_dim).
  virtual torch::Tensor embedding_weight() const = 0;

  const TokenCorpus& corpus() const { return *inputs_.corpus; }
  torch::Device device() const { return inputs_.device; }

 private:
  std::string type_;
  TaskInputs inputs_;
  int64_t context_length_;
};

}  // namespace runner::language
