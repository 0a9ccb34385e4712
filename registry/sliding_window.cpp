#include "registry/sliding_window.h"

#include <fmt/format.h>

namespace runner::registry {

namespace {

// floor((padded - dilated_kernel) / stride) + 1, which is <= 0 when the kernel does not fit.
int64_t output_size(int64_t padded, int64_t dilated_kernel, int64_t stride) {
  const int64_t span = padded - dilated_kernel;
  const int64_t steps = span >= 0 ? span / stride : -((-span + stride - 1) / stride);
  return steps + 1;
}

}  // namespace

void require_image_input(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() == 3) return;
  params.fail_shape("", input_shape, "needs an image input (C, H, W)",
                    "place it before the flatten layer, or use a dataset of images");
}

Pair window_output_size(const LayerParams& params, const Shape& input_shape, const Window& window,
                        int64_t output_channels) {
  Pair padded{};
  Pair dilated_kernel{};
  Pair output{};
  for (size_t i = 0; i < 2; ++i) {
    padded[i] = input_shape[i + 1] + 2 * window.padding[i];
    dilated_kernel[i] = window.dilation[i] * (window.kernel[i] - 1) + 1;
    output[i] = output_size(padded[i], dilated_kernel[i], window.stride[i]);
  }

  if (dilated_kernel[0] > padded[0] || dilated_kernel[1] > padded[1]) {
    const Shape would_produce{output_channels, output[0], output[1]};
    params.fail_shape(
        "kernel_size", input_shape,
        fmt::format("would produce {} because the kernel spans {}x{}, more than the padded input {}x{}",
                    format_shape(would_produce), dilated_kernel[0], dilated_kernel[1], padded[0], padded[1]),
        "use a smaller kernel_size or more padding, or remove a pooling layer before it");
  }
  return output;
}

}  // namespace runner::registry
