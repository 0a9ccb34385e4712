// linear: a fully connected layer over a flat (features) input.
#include <torch/nn/modules/linear.h>

#include "registry/layer_builder.h"
#include "registry/weight_init.h"

namespace runner::registry {

namespace {

LayerOutput build_linear(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 1) {
    params.fail_shape("", input_shape, "needs a flat input (features)", "add a flatten layer first");
  }
  const int64_t in_features = input_shape[0];
  const int64_t out_features = params.get_int("out_features");

  // weight: (out_features, in_features), bias: (out_features)
  torch::nn::Linear linear(torch::nn::LinearOptions(in_features, out_features).bias(params.get_bool("bias")));
  apply_weight_init(params, linear->weight);
  return {torch::nn::AnyModule(linear), {out_features}};
}

}  // namespace

LayerBuilder linear_layer() {
  std::vector<ParamSpec> params = {
      int_param("out_features", std::nullopt, config::Range::at_least(1), "number of output features"),
      bool_param("bias", true, "add a learned bias"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return {"linear", "fully connected layer y = x W^T + b; in_features comes from the input shape", params,
          build_linear};
}

}  // namespace runner::registry
