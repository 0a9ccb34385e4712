// batchnorm2d: batch normalisation over the channels of an image (C, H, W).
#include <torch/nn/modules/batchnorm.h>

#include "registry/layer_builder.h"
#include "registry/sliding_window.h"

namespace runner::registry {

namespace {

LayerOutput build_batchnorm2d(const LayerParams& params, const Shape& input_shape) {
  require_image_input(params, input_shape);
  const int64_t channels = input_shape[0];

  // weight and bias: (C). running_mean and running_var are buffers of the same shape.
  const auto options =
      torch::nn::BatchNorm2dOptions(channels).eps(params.get_number("eps")).momentum(params.get_number("momentum"));
  return {torch::nn::AnyModule(torch::nn::BatchNorm2d(options)), input_shape};
}

}  // namespace

LayerBuilder batchnorm2d_layer() {
  return {"batchnorm2d",
          "batch normalisation per channel of a (C, H, W) input",
          {
              number_param("eps", 1e-5, config::Range::positive(), "added to the variance for numerical stability"),
              number_param("momentum", 0.1, config::Range::between(0.0, 1.0),
                           "weight of the newest batch in the running mean and variance"),
          },
          build_batchnorm2d};
}

}  // namespace runner::registry
