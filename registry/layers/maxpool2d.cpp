// maxpool2d: the maximum over each window of an image (C, H, W).
#include <torch/nn/modules/pooling.h>

#include "registry/layer_builder.h"
#include "registry/pooling.h"

namespace runner::registry {

namespace {

LayerOutput build_maxpool2d(const LayerParams& params, const Shape& input_shape) {
  const PoolingWindow pooling = infer_pooling_window(params, input_shape);
  const auto options =
      torch::nn::MaxPool2dOptions(pooling.window.kernel).stride(pooling.window.stride).padding(pooling.window.padding);
  return {torch::nn::AnyModule(torch::nn::MaxPool2d(options)), pooling.output_shape};
}

}  // namespace

LayerBuilder maxpool2d_layer() {
  return {"maxpool2d", "maximum over each kernel window of (C, H, W), per channel", pooling_params(), build_maxpool2d};
}

}  // namespace runner::registry
