// sigmoid: elementwise logistic function 1 / (1 + exp(-x))
#include <torch/nn/modules/activation.h>

#include "registry/layer_builder.h"

namespace runner::registry {

LayerBuilder sigmoid_layer() {
  const BuildFunction build = [](const LayerParams&, const Shape& input_shape) -> LayerOutput {
    return {torch::nn::AnyModule(torch::nn::Sigmoid()), input_shape};
  };
  return {"sigmoid", "elementwise logistic function 1 / (1 + exp(-x))", {}, build};
}

}  // namespace runner::registry
