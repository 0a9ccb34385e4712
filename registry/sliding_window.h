// Shape checks shared by the 2-d sliding-window layers (conv2d, maxpool2d, avgpool2d).
#pragma once

#include "registry/layer_params.h"
#include "registry/param_spec.h"
#include "registry/shape.h"

namespace runner::registry {

struct Window {
  Pair kernel;
  Pair stride;
  Pair padding;
  Pair dilation{1, 1};
};

// Rejects any input that is not an image (C, H, W).
void require_image_input(const LayerParams& params, const Shape& input_shape);

// Computes the output (H, W) of sliding `window` over the (H, W) of a (C, H, W) input. Fails at
// kernel_size when the dilated kernel is larger than the padded input. `output_channels` only
// completes the shape shown in that message.
Pair window_output_size(const LayerParams& params, const Shape& input_shape, const Window& window,
                        int64_t output_channels);

}  // namespace runner::registry
