// layernorm: layer normalisation over the whole per-sample shape.
#include <torch/nn/modules/normalization.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

LayerOutput build_layernorm(const LayerParams& params, const Shape& input_shape) {
  // weight and bias, when elementwise_affine: the per-sample shape, e.g. (C, H, W).
  const auto options = torch::nn::LayerNormOptions(input_shape)
                           .eps(params.get_number("eps"))
                           .elementwise_affine(params.get_bool("elementwise_affine"));
  return {torch::nn::AnyModule(torch::nn::LayerNorm(options)), input_shape};
}

}  // namespace

LayerBuilder layernorm_layer() {
  return {"layernorm",
          "layer normalisation over all dimensions of each sample",
          {
              number_param("eps", 1e-5, config::Range::positive(), "added to the variance for numerical stability"),
              bool_param("elementwise_affine", true, "learn a scale and shift per element"),
          },
          build_layernorm};
}

}  // namespace runner::registry
