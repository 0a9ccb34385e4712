// gelu: elementwise Gaussian error linear unit x * Phi(x), computed exactly
#include <torch/nn/modules/activation.h>

#include "registry/layer_builder.h"

namespace runner::registry {

LayerBuilder gelu_layer() {
  const BuildFunction build = [](const LayerParams&, const Shape& input_shape) -> LayerOutput {
    return {torch::nn::AnyModule(torch::nn::GELU()), input_shape};
  };
  return {"gelu", "elementwise Gaussian error linear unit x * Phi(x), computed exactly", {}, build};
}

}  // namespace runner::registry
