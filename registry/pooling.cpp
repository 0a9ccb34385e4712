#include "registry/pooling.h"

#include <fmt/format.h>

namespace runner::registry {

std::vector<ParamSpec> pooling_params() {
  const auto at_least_one = config::Range::at_least(1);
  return {
      int_or_pair_param("kernel_size", 2, at_least_one, "window height and width"),
      int_or_pair_param_from("stride", "kernel_size", at_least_one, "step between windows"),
      int_or_pair_param("padding", 0, config::Range::at_least(0), "padding on each side of H and W"),
  };
}

PoolingWindow infer_pooling_window(const LayerParams& params, const Shape& input_shape) {
  require_image_input(params, input_shape);
  const Window window{params.get_pair("kernel_size"), params.get_pair("stride"), params.get_pair("padding")};

  for (size_t i = 0; i < 2; ++i) {
    if (2 * window.padding[i] <= window.kernel[i]) continue;
    params.fail_shape(
        "padding", input_shape,
        fmt::format("padding {} must be at most half the kernel size {}", window.padding[i], window.kernel[i]),
        "reduce padding or enlarge kernel_size");
  }

  const int64_t channels = input_shape[0];
  const Pair output_size = window_output_size(params, input_shape, window, channels);
  return {window, {channels, output_size[0], output_size[1]}};
}

}  // namespace runner::registry
