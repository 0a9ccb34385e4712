// flatten: reshapes each sample to one dimension, (C, H, W) -> (C * H * W).
#include <torch/nn/modules/linear.h>

#include "registry/layer_builder.h"

namespace runner::registry {

LayerBuilder flatten_layer() {
  const BuildFunction build = [](const LayerParams&, const Shape& input_shape) -> LayerOutput {
    // LibTorch's default start_dim 1 keeps the batch dimension.
    return {torch::nn::AnyModule(torch::nn::Flatten()), {shape_numel(input_shape)}};
  };
  return {"flatten", "reshapes each sample to (features), e.g. (16, 5, 5) -> (400)", {}, build};
}

}  // namespace runner::registry
