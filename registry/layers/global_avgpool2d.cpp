// global_avgpool2d: the mean of each channel over the whole image, (C, H, W) -> (C).
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/sliding_window.h"

namespace runner::registry {

namespace {

class GlobalAvgPool2dImpl : public torch::nn::Module {
 public:
  // (N, C, H, W) -> (N, C)
  torch::Tensor forward(torch::Tensor input) { return input.mean({2, 3}); }
};
TORCH_MODULE(GlobalAvgPool2d);

LayerOutput build_global_avgpool2d(const LayerParams& params, const Shape& input_shape) {
  require_image_input(params, input_shape);
  return {torch::nn::AnyModule(GlobalAvgPool2d()), {input_shape[0]}};
}

}  // namespace

LayerBuilder global_avgpool2d_layer() {
  return {"global_avgpool2d", "averages each channel over height and width, (C, H, W) -> (C)", {},
          build_global_avgpool2d};
}

}  // namespace runner::registry
