// Parameters and shape inference shared by maxpool2d and avgpool2d.
#pragma once

#include <vector>

#include "registry/layer_params.h"
#include "registry/param_spec.h"
#include "registry/shape.h"
#include "registry/sliding_window.h"

namespace runner::registry {

// kernel_size (default 2), stride (default kernel_size) and padding (default 0).
std::vector<ParamSpec> pooling_params();

struct PoolingWindow {
  Window window;
  Shape output_shape;  // (C, H_out, W_out)
};

// Checks that the input is an image, that padding is at most half the kernel (LibTorch rejects
// more at the first forward pass) and that the kernel fits the padded input.
PoolingWindow infer_pooling_window(const LayerParams& params, const Shape& input_shape);

}  // namespace runner::registry
