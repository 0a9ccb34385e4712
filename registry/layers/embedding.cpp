// embedding: a learned vector per token id, (L) ids -> (L, D).
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/weight_init.h"

namespace runner::registry {

namespace {

// Token ids may arrive as floats from a dataset that stores one tensor type. They are converted to
// int64 indices, which is exact for ids below 2^24 in float32.
class TokenEmbeddingImpl : public torch::nn::Module {
 public:
  explicit TokenEmbeddingImpl(const torch::nn::EmbeddingOptions& options)
      : embedding_(register_module("embedding", torch::nn::Embedding(options))) {}

  // (N, L) ids -> (N, L, D)
  torch::Tensor forward(torch::Tensor ids) {
    if (ids.is_floating_point()) ids = ids.to(torch::kLong);
    return embedding_->forward(ids);
  }

  torch::Tensor weight() const { return embedding_->weight; }

 private:
  torch::nn::Embedding embedding_;
};
TORCH_MODULE(TokenEmbedding);

LayerOutput build_embedding(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 1) {
    params.fail_shape("", input_shape, "needs a sequence of token ids (L)", "place it first, on a token dataset");
  }
  const int64_t dim = params.get_int("embedding_dim");
  // weight: (num_embeddings, embedding_dim), drawn from N(0, 1) by LibTorch's default.
  TokenEmbedding embedding(torch::nn::EmbeddingOptions(params.get_int("num_embeddings"), dim));
  apply_weight_init(params, embedding->weight());
  return {torch::nn::AnyModule(embedding), {input_shape[0], dim}};
}

}  // namespace

LayerBuilder embedding_layer() {
  const auto at_least_one = config::Range::at_least(1);
  std::vector<ParamSpec> params = {
      int_param("num_embeddings", std::nullopt, at_least_one, "vocabulary size: ids run from 0 to this - 1"),
      int_param("embedding_dim", std::nullopt, at_least_one, "length D of each vector"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return {"embedding", "a learned vector per token id, (L) integer ids -> (L, D)", params, build_embedding};
}

}  // namespace runner::registry
