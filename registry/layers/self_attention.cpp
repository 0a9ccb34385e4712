// self_attention: multi-head scaled dot-product self-attention, (L, D) -> (L, D).
//
// Written with linear projections and a softmax instead of torch::nn::MultiheadAttention, whose
// C++ interface takes (L, N, D) inputs and differs between LibTorch versions.
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/weight_init.h"

namespace runner::registry {

namespace {

class SelfAttentionImpl : public torch::nn::Module {
 public:
  SelfAttentionImpl(int64_t dim, int64_t heads, double dropout, bool causal)
      : qkv_(register_module("qkv", torch::nn::Linear(dim, 3 * dim))),
        output_(register_module("output", torch::nn::Linear(dim, dim))),
        dropout_(register_module("dropout", torch::nn::Dropout(dropout))),
        heads_(heads),
        causal_(causal) {}

  // (N, L, D) -> (N, L, D)
  torch::Tensor forward(torch::Tensor input) {
    const int64_t batch = input.size(0);
    const int64_t length = input.size(1);
    const int64_t dim = input.size(2);
    const int64_t head_dim = dim / heads_;

    // (N, L, 3D) -> (3, N, heads, L, head_dim)
    const torch::Tensor qkv = qkv_->forward(input).view({batch, length, 3, heads_, head_dim}).permute({2, 0, 3, 1, 4});
    const torch::Tensor query = qkv[0];
    const torch::Tensor key = qkv[1];
    const torch::Tensor value = qkv[2];

    // scores: (N, heads, L, L); row t contains position t's scores against every position.
    torch::Tensor scores = query.matmul(key.transpose(-2, -1)) / std::sqrt(static_cast<double>(head_dim));
    if (causal_) {
      const torch::Tensor future = torch::ones({length, length}, input.options().dtype(torch::kBool)).triu(1);
      scores = scores.masked_fill(future, -std::numeric_limits<double>::infinity());
    }
    const torch::Tensor weights = dropout_->forward(torch::softmax(scores, -1));

    // (N, heads, L, head_dim) -> (N, L, D)
    const torch::Tensor context = weights.matmul(value).transpose(1, 2).reshape({batch, length, dim});
    return output_->forward(context);
  }

  torch::nn::Linear& qkv() { return qkv_; }
  torch::nn::Linear& output() { return output_; }

 private:
  torch::nn::Linear qkv_;     // weight: (3D, D), the query, key and value projections stacked
  torch::nn::Linear output_;  // weight: (D, D)
  torch::nn::Dropout dropout_;
  int64_t heads_;
  bool causal_;
};
TORCH_MODULE(SelfAttention);

LayerOutput build_self_attention(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 2) {
    params.fail_shape("", input_shape, "needs a sequence of vectors (L, D)", "place it after an embedding layer");
  }
  const int64_t dim = input_shape[1];
  const int64_t heads = params.get_int("heads");
  if (dim % heads != 0) {
    params.fail_shape("heads", input_shape, fmt::format("heads {} must divide the vector size {}", heads, dim),
                      "choose heads as a divisor of D");
  }

  SelfAttention attention(dim, heads, params.get_number("dropout"), params.get_bool("causal"));
  apply_weight_init(params, attention->qkv()->weight);
  apply_weight_init(params, attention->output()->weight);
  return {torch::nn::AnyModule(attention), input_shape};
}

}  // namespace

LayerBuilder self_attention_layer() {
  const config::Range below_one{0.0, 1.0, false, true};
  std::vector<ParamSpec> params = {
      int_param("heads", std::nullopt, config::Range::at_least(1), "number of attention heads; must divide D"),
      number_param("dropout", 0.0, below_one, "dropout on the attention weights in training"),
      bool_param("causal", false, "position t attends only to positions up to t"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return {"self_attention", "multi-head self-attention over a sequence, (L, D) -> (L, D)", params,
          build_self_attention};
}

}  // namespace runner::registry
