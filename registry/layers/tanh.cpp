// tanh: elementwise hyperbolic tangent
#include <torch/nn/modules/activation.h>

#include "registry/layer_builder.h"

namespace runner::registry {

LayerBuilder tanh_layer() {
  const BuildFunction build = [](const LayerParams&, const Shape& input_shape) -> LayerOutput {
    return {torch::nn::AnyModule(torch::nn::Tanh()), input_shape};
  };
  return {"tanh", "elementwise hyperbolic tangent", {}, build};
}

}  // namespace runner::registry
