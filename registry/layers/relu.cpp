// relu: elementwise max(0, x)
#include <torch/nn/modules/activation.h>

#include "registry/layer_builder.h"

namespace runner::registry {

LayerBuilder relu_layer() {
  const BuildFunction build = [](const LayerParams&, const Shape& input_shape) -> LayerOutput {
    return {torch::nn::AnyModule(torch::nn::ReLU()), input_shape};
  };
  return {"relu", "elementwise max(0, x)", {}, build};
}

}  // namespace runner::registry
