// batchnorm1d: batch normalisation over the channels of a (C) or (C, L) input.
#include <torch/nn/modules/batchnorm.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

LayerOutput build_batchnorm1d(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 1 && input_shape.size() != 2) {
    params.fail_shape("", input_shape, "needs a (features) or (C, L) input",
                      "use batchnorm2d for images, or add a flatten layer first");
  }
  const int64_t features = input_shape[0];

  // weight and bias: (features). running_mean and running_var are buffers of the same shape.
  const auto options =
      torch::nn::BatchNorm1dOptions(features).eps(params.get_number("eps")).momentum(params.get_number("momentum"));
  return {torch::nn::AnyModule(torch::nn::BatchNorm1d(options)), input_shape};
}

}  // namespace

LayerBuilder batchnorm1d_layer() {
  return {"batchnorm1d",
          "batch normalisation over dimension 0 of a (features) or (C, L) input",
          {
              number_param("eps", 1e-5, config::Range::positive(), "added to the variance for numerical stability"),
              number_param("momentum", 0.1, config::Range::between(0.0, 1.0),
                           "weight of the newest batch in the running mean and variance"),
          },
          build_batchnorm1d};
}

}  // namespace runner::registry
