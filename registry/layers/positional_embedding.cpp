// positional_embedding: adds a learned vector per position, (L, D) -> (L, D).
#include <fmt/format.h>
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/weight_init.h"

namespace runner::registry {

namespace {

class PositionalEmbeddingImpl : public torch::nn::Module {
 public:
  PositionalEmbeddingImpl(int64_t max_length, int64_t dim)
      : positions_(register_module("positions", torch::nn::Embedding(max_length, dim))) {}

  // (N, L, D) + the first L position vectors, broadcast over the batch.
  torch::Tensor forward(torch::Tensor input) {
    const int64_t length = input.size(1);
    return input + positions_->weight.slice(0, 0, length).unsqueeze(0);
  }

  torch::Tensor weight() const { return positions_->weight; }

 private:
  torch::nn::Embedding positions_;  // weight: (max_length, D), N(0, 1) by LibTorch's default
};
TORCH_MODULE(PositionalEmbedding);

LayerOutput build_positional_embedding(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 2) {
    params.fail_shape("", input_shape, "needs a sequence of vectors (L, D)", "place it after an embedding layer");
  }
  const int64_t max_length = params.get_int("max_length");
  if (input_shape[0] > max_length) {
    params.fail_shape("max_length", input_shape,
                      fmt::format("the sequence length {} exceeds max_length {}", input_shape[0], max_length),
                      fmt::format("set max_length to at least {}", input_shape[0]));
  }
  PositionalEmbedding embedding(max_length, input_shape[1]);
  apply_weight_init(params, embedding->weight());
  return {torch::nn::AnyModule(embedding), input_shape};
}

}  // namespace

LayerBuilder positional_embedding_layer() {
  std::vector<ParamSpec> params = {
      int_param("max_length", std::nullopt, config::Range::at_least(1), "longest sequence the layer accepts"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return {"positional_embedding", "adds a learned vector for each position, (L, D) -> (L, D)", params,
          build_positional_embedding};
}

}  // namespace runner::registry
