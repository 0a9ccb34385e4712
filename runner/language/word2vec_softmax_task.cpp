#include "runner/language/word2vec_softmax_task.h"

#include <torch/torch.h>

#include "runner/language/word2vec_windows.h"

namespace runner::language {

namespace {

class SoftmaxEmbedderImpl : public torch::nn::Module {
 public:
  SoftmaxEmbedderImpl(int64_t vocabulary, int64_t dim)
      : embedding(register_module("embedding", torch::nn::Embedding(vocabulary, dim))),
        predictor(register_module("predictor", torch::nn::Linear(dim, vocabulary))) {
    // word2vec's initialisation, which the lecture uses too: uniform in +-0.5 / dim.
    torch::NoGradGuard no_grad;
    embedding->weight.uniform_(-0.5 / static_cast<double>(dim), 0.5 / static_cast<double>(dim));
  }

  torch::nn::Embedding embedding;  // weight: (vocabulary, dim)
  torch::nn::Linear predictor;     // (dim) -> (vocabulary) logits
};
TORCH_MODULE(SoftmaxEmbedder);

// Cross-entropy of `log_probabilities` (batch, vocabulary) against every column of `targets`
// (batch, targets), averaged over all of them. With label smoothing e each term is
// (1 - e) * -log p(target) + e * mean over the vocabulary of -log p(word), as LibTorch defines it.
torch::Tensor smoothed_cross_entropy(const torch::Tensor& log_probabilities, const torch::Tensor& targets,
                                     double label_smoothing) {
  const torch::Tensor target_loss = -log_probabilities.gather(1, targets);  // (batch, targets)
  if (label_smoothing == 0.0) return target_loss.mean();
  const torch::Tensor uniform_loss = -log_probabilities.mean(1, /*keepdim=*/true);  // (batch, 1)
  return ((1.0 - label_smoothing) * target_loss + label_smoothing * uniform_loss).mean();
}

class Word2VecSoftmaxTask : public LanguageTask {
 public:
  Word2VecSoftmaxTask(const Word2VecConfig& config, const TaskInputs& inputs)
      : config_(config), inputs_(inputs), model_(inputs.corpus->vocabulary_size, config.embedding_dim) {
    model_->to(inputs.device);
  }

  std::string type() const override { return task_type(config_.architecture); }
  torch::nn::Module& module() override { return *model_; }
  bool loss_is_cross_entropy() const override { return true; }

  int64_t positions(Split split) const override { return window_positions(tokens(split), config_.context); }

  torch::Tensor loss(Split split, const torch::Tensor& positions) override {
    const WindowBatch batch = window_batch(tokens(split), positions, config_.context, inputs_.device);
    if (config_.architecture == Word2VecArchitecture::kCbow) {
      // (batch, 2 * context, dim) -> mean over the context -> (batch, vocabulary) logits. The lecture
      // fed softmax probabilities into CrossEntropyLoss; this feeds the logits.
      const torch::Tensor hidden = model_->embedding->forward(batch.context).mean(1);
      const torch::Tensor logits = model_->predictor->forward(hidden);
      return torch::nn::functional::cross_entropy(
          logits, batch.centre,
          torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(config_.label_smoothing));
    }
    // Skip-gram: one softmax from the centre word, scored against each of the 2 * context words.
    const torch::Tensor hidden = model_->embedding->forward(batch.centre);  // (batch, dim)
    const torch::Tensor log_probabilities = torch::log_softmax(model_->predictor->forward(hidden), 1);
    return smoothed_cross_entropy(log_probabilities, batch.context, config_.label_smoothing);
  }

  std::optional<torch::Tensor> embedding() const override {
    return model_->embedding->weight.detach().to(torch::kCPU, torch::kFloat32).clone();
  }

  void set_embedding(const torch::Tensor& weights, bool freeze) override {
    copy_embedding(model_->embedding->weight, weights, freeze);
  }

 private:
  const torch::Tensor& tokens(Split split) const {
    return split == Split::kTrain ? inputs_.corpus->train : inputs_.corpus->held_out;
  }

  Word2VecConfig config_;
  TaskInputs inputs_;
  SoftmaxEmbedder model_;
};

}  // namespace

std::unique_ptr<LanguageTask> make_word2vec_softmax_task(const Word2VecConfig& config, const TaskInputs& inputs) {
  return std::make_unique<Word2VecSoftmaxTask>(config, inputs);
}

}  // namespace runner::language
