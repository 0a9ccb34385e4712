#include "runner/language/sequence_model_task.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include "registry/model_builder.h"
#include "runner/language/next_token_task.h"

namespace runner::language {

namespace {

class SequenceModelImpl : public torch::nn::Module {
 public:
  SequenceModelImpl(int64_t vocabulary, int64_t dim, torch::nn::Sequential layers, int64_t features)
      : embedding(register_module("embedding", torch::nn::Embedding(vocabulary, dim))),
        body(register_module("body", std::move(layers))),
        output(register_module("output", torch::nn::Linear(features, vocabulary))) {
    torch::NoGradGuard no_grad;
    embedding->weight.uniform_(-0.1, 0.1);
  }

  // (batch, context) ids -> (batch, context, dim) -> (batch, features) -> (batch, vocabulary) logits
  torch::Tensor forward(const torch::Tensor& context) {
    return output->forward(body->forward(embedding->forward(context)));
  }

  torch::nn::Embedding embedding;  // weight: (vocabulary, dim)
  torch::nn::Sequential body;
  torch::nn::Linear output;  // weight: (vocabulary, features)
};
TORCH_MODULE(SequenceModel);

class SequenceModelTask : public NextTokenTask {
 public:
  SequenceModelTask(std::string type, const TaskInputs& inputs, int64_t context, SequenceModel model)
      : NextTokenTask(std::move(type), inputs, context), model_(std::move(model)) {
    model_->to(inputs.device);
  }

  torch::nn::Module& module() override { return *model_; }

 protected:
  torch::Tensor forward(const torch::Tensor& context) override { return model_->forward(context); }
  torch::Tensor embedding_weight() const override { return model_->embedding->weight; }

 private:
  SequenceModel model_;
};

}  // namespace

std::unique_ptr<LanguageTask> make_sequence_model_task(const std::string& type, const config::ConfigNode& task_section,
                                                       const TaskInputs& inputs) {
  const auto at_least_one = config::Range::at_least(1);
  const int64_t context = task_section.get_int("context", 16, at_least_one);
  const int64_t dim = task_section.get_int("embedding_dim", 64, at_least_one);
  if (!task_section.has("model")) {
    task_section.fail("model", fmt::format("task type {} needs a model section", type),
                      "for example model: {layers: [{type: lstm, hidden_size: 128}]}; docs/text.md has more");
  }

  // The layers between the embedding and the output layer: (context, dim) -> (features).
  const config::ConfigNode model_section = task_section.child("model");
  registry::BuiltModel body = registry::build_model(model_section, {context, dim});
  if (body.output_shape.size() != 1) {
    task_section.fail("model",
                      fmt::format("the layers output shape {} for input ({}, {}), but the output layer "
                                  "needs one vector per window",
                                  registry::format_shape(body.output_shape), context, dim),
                      "end with an lstm (return: last), or with flatten or mean over the positions");
  }
  task_section.check_unknown_keys();

  SequenceModel model(inputs.corpus->vocabulary_size, dim, body.net, body.output_shape[0]);
  return std::make_unique<SequenceModelTask>(type, inputs, context, std::move(model));
}

}  // namespace runner::language
