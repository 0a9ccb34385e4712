// avgpool2d: the mean over each window of an image (C, H, W).
#include <torch/nn/modules/pooling.h>

#include "registry/layer_builder.h"
#include "registry/pooling.h"

namespace runner::registry {

namespace {

LayerOutput build_avgpool2d(const LayerParams& params, const Shape& input_shape) {
  const PoolingWindow pooling = infer_pooling_window(params, input_shape);

  // LibTorch's default count_include_pad counts padded zeros in the mean.
  const auto options =
      torch::nn::AvgPool2dOptions(pooling.window.kernel).stride(pooling.window.stride).padding(pooling.window.padding);
  return {torch::nn::AnyModule(torch::nn::AvgPool2d(options)), pooling.output_shape};
}

}  // namespace

LayerBuilder avgpool2d_layer() {
  return {"avgpool2d", "mean over each kernel window of (C, H, W), per channel; padded zeros count", pooling_params(),
          build_avgpool2d};
}

}  // namespace runner::registry
