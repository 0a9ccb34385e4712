// dropout: zeroes each element with probability p during training.
#include <torch/nn/modules/dropout.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

LayerOutput build_dropout(const LayerParams& params, const Shape& input_shape) {
  const auto options = torch::nn::DropoutOptions(params.get_number("p"));
  return {torch::nn::AnyModule(torch::nn::Dropout(options)), input_shape};
}

}  // namespace

LayerBuilder dropout_layer() {
  // p = 1 would zero every activation, so the range excludes it.
  const config::Range below_one{0.0, 1.0, false, true};
  return {"dropout",
          "zeroes each element with probability p in training and scales the rest by 1 / (1 - p)",
          {number_param("p", 0.5, below_one, "probability of zeroing an element")},
          build_dropout};
}

}  // namespace runner::registry
