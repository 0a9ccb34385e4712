#include "runner/language/language_task.h"

#include <fmt/format.h>
#include <torch/serialize.h>

#include <stdexcept>

namespace runner::language {

namespace {

std::string shape_text(const torch::Tensor& tensor) {
  std::string text = "(";
  for (int64_t d = 0; d < tensor.dim(); ++d) {
    text += (d == 0 ? "" : ", ") + std::to_string(tensor.size(d));
  }
  return text + ")";
}

}  // namespace

std::vector<torch::Tensor> LanguageTask::parameters() {
  std::vector<torch::Tensor> trainable;
  for (const auto& parameter : module().parameters()) {
    if (parameter.requires_grad()) trainable.push_back(parameter);
  }
  return trainable;
}

void LanguageTask::set_embedding(const torch::Tensor& /*weights*/, bool /*freeze*/) {
  throw std::invalid_argument(fmt::format("task type '{}' has no input embedding to initialize", type()));
}

torch::Tensor LanguageTask::next_token_logits(const torch::Tensor& /*context*/) {
  throw std::invalid_argument(fmt::format("task type '{}' does not predict the next token", type()));
}

void LanguageTask::save(const std::filesystem::path& file) {
  torch::serialize::OutputArchive archive;
  module().save(archive);
  archive.save_to(file.string());
}

void LanguageTask::load(const std::filesystem::path& file) {
  torch::serialize::InputArchive archive;
  archive.load_from(file.string());
  module().load(archive);
}

void LanguageTask::copy_embedding(torch::Tensor& embedding_weight, const torch::Tensor& weights, bool freeze) {
  if (weights.dim() != 2 || !embedding_weight.sizes().equals(weights.sizes())) {
    throw std::invalid_argument(
        fmt::format("the embedding to copy has shape {} (vocabulary, dim) but this "
                    "model's embedding has shape {}",
                    shape_text(weights), shape_text(embedding_weight)));
  }
  torch::NoGradGuard no_grad;
  embedding_weight.copy_(weights.to(embedding_weight.device(), embedding_weight.scalar_type()));
  embedding_weight.set_requires_grad(!freeze);
}

}  // namespace runner::language
