// conv2d: a 2-d convolution over an image (C, H, W).
#include <fmt/format.h>
#include <torch/nn/modules/conv.h>

#include "registry/layer_builder.h"
#include "registry/sliding_window.h"
#include "registry/weight_init.h"

namespace runner::registry {

namespace {

void check_groups(const LayerParams& params, const Shape& input_shape, int64_t in_channels, int64_t out_channels) {
  const int64_t groups = params.get_int("groups");
  if (in_channels % groups == 0 && out_channels % groups == 0) return;
  params.fail_shape(
      "groups", input_shape,
      fmt::format("groups {} must divide both in_channels {} and out_channels {}", groups, in_channels, out_channels),
      "choose groups as a common divisor of the two channel counts");
}

LayerOutput build_conv2d(const LayerParams& params, const Shape& input_shape) {
  require_image_input(params, input_shape);
  const int64_t in_channels = input_shape[0];
  const int64_t out_channels = params.get_int("out_channels");
  check_groups(params, input_shape, in_channels, out_channels);

  const Window window{params.get_pair("kernel_size"), params.get_pair("stride"), params.get_pair("padding"),
                      params.get_pair("dilation")};
  const Pair output_size = window_output_size(params, input_shape, window, out_channels);

  // weight: (out_channels, in_channels / groups, kernel_h, kernel_w), bias: (out_channels)
  const auto options = torch::nn::Conv2dOptions(in_channels, out_channels, window.kernel)
                           .stride(window.stride)
                           .padding(torch::ExpandingArray<2>(window.padding))
                           .dilation(window.dilation)
                           .groups(params.get_int("groups"))
                           .bias(params.get_bool("bias"));
  torch::nn::Conv2d conv(options);
  apply_weight_init(params, conv->weight);
  return {torch::nn::AnyModule(conv), {out_channels, output_size[0], output_size[1]}};
}

}  // namespace

LayerBuilder conv2d_layer() {
  const auto at_least_one = config::Range::at_least(1);
  std::vector<ParamSpec> params = {
      int_param("out_channels", std::nullopt, at_least_one, "number of output channels"),
      int_or_pair_param("kernel_size", std::nullopt, at_least_one, "kernel height and width"),
      int_or_pair_param("stride", 1, at_least_one, "step between kernel positions"),
      int_or_pair_param("padding", 0, config::Range::at_least(0), "zeros added on each side of H and W"),
      int_or_pair_param("dilation", 1, at_least_one, "spacing between kernel elements"),
      int_param("groups", 1, at_least_one, "number of channel groups; must divide both channel counts"),
      bool_param("bias", true, "add a learned bias per output channel"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return {"conv2d", "2-d convolution over (C, H, W); in_channels comes from the input shape", params, build_conv2d};
}

}  // namespace runner::registry
