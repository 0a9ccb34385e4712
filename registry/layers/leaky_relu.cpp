// leaky_relu: elementwise max(0, x) + negative_slope * min(0, x).
#include <torch/nn/modules/activation.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

LayerOutput build_leaky_relu(const LayerParams& params, const Shape& input_shape) {
  const auto options = torch::nn::LeakyReLUOptions().negative_slope(params.get_number("negative_slope"));
  return {torch::nn::AnyModule(torch::nn::LeakyReLU(options)), input_shape};
}

}  // namespace

LayerBuilder leaky_relu_layer() {
  return {"leaky_relu",
          "elementwise max(0, x) + negative_slope * min(0, x)",
          {number_param("negative_slope", 0.01, config::Range::any(), "slope for negative inputs")},
          build_leaky_relu};
}

}  // namespace runner::registry
