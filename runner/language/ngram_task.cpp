#include "runner/language/ngram_task.h"

#include <torch/torch.h>

#include <cmath>

#include "runner/language/next_token_task.h"

namespace runner::language {

namespace {

class NGramModelImpl : public torch::nn::Module {
 public:
  NGramModelImpl(int64_t vocabulary, int64_t context, int64_t dim, int64_t hidden)
      : embedding(register_module("embedding", torch::nn::Embedding(vocabulary, dim))),
        predictor(register_module("predictor",
                                  torch::nn::Sequential(torch::nn::Flatten(), torch::nn::Linear(context * dim, hidden),
                                                        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden})),
                                                        torch::nn::GELU(), torch::nn::Linear(hidden, vocabulary)))) {
    // The lecture's initialisation: small uniform vectors instead of LibTorch's N(0, 1).
    torch::NoGradGuard no_grad;
    embedding->weight.uniform_(-0.1, 0.1);
  }

  // (batch, context) ids -> (batch, context, dim) -> (batch, vocabulary) logits
  torch::Tensor forward(const torch::Tensor& context) { return predictor->forward(embedding->forward(context)); }

  torch::nn::Embedding embedding;  // weight: (vocabulary, dim)
  torch::nn::Sequential predictor;
};
TORCH_MODULE(NGramModel);

class NGramTask : public NextTokenTask {
 public:
  NGramTask(const TaskInputs& inputs, int64_t context, int64_t dim, int64_t hidden)
      : NextTokenTask("ngram", inputs, context), model_(inputs.corpus->vocabulary_size, context, dim, hidden) {
    model_->to(inputs.device);
  }

  torch::nn::Module& module() override { return *model_; }

 protected:
  torch::Tensor forward(const torch::Tensor& context) override { return model_->forward(context); }
  torch::Tensor embedding_weight() const override { return model_->embedding->weight; }

 private:
  NGramModel model_;
};

}  // namespace

std::unique_ptr<LanguageTask> make_ngram_task(const config::ConfigNode& task_section, const TaskInputs& inputs) {
  const auto at_least_one = config::Range::at_least(1);
  const int64_t context = task_section.get_int("context", 5, at_least_one);
  const int64_t dim = task_section.get_int("embedding_dim", 100, at_least_one);
  // 0 picks the lecture's width, 6 * ceil(sqrt(vocabulary size)): 690 for a 13,000-word vocabulary.
  int64_t hidden = task_section.get_int("hidden", 0, config::Range::at_least(0));
  if (hidden == 0) {
    hidden = 6 * static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(inputs.corpus->vocabulary_size))));
  }
  task_section.check_unknown_keys();
  return std::make_unique<NGramTask>(inputs, context, dim, hidden);
}

}  // namespace runner::language
