// residual: activation(body(x) + shortcut(x)), with an automatic shortcut by default.
#include <fmt/format.h>
#include <torch/nn/modules/conv.h>

#include "registry/graph/graph_builder.h"
#include "registry/layer_params.h"

namespace runner::registry {

namespace {

// The stride of a 1x1 convolution (padding 0) that maps `input` to `output` along one dimension:
// the smallest s with floor((input - 1) / s) + 1 == output, or 0 when none exists.
int64_t shortcut_stride(int64_t input, int64_t output) {
  for (int64_t stride = 1; stride <= input; ++stride) {
    if ((input - 1) / stride + 1 == output) return stride;
  }
  return 0;
}

// The automatic shortcut: none (the identity) when the body keeps the shape, otherwise a 1x1
// convolution with a bias, the body's output channels and the stride that maps the spatial size.
std::optional<torch::nn::AnyModule> auto_shortcut(const LayerParams& params, const Shape& input_shape,
                                                  const Shape& body_shape) {
  if (body_shape == input_shape) return std::nullopt;

  const std::string problem =
      fmt::format("the body outputs {}, which no 1x1 convolution shortcut can produce from the input",
                  format_shape(body_shape));
  const std::string hint = "give an explicit shortcut list of layers, or make the body keep the input shape";
  if (input_shape.size() != 3 || body_shape.size() != 3) params.fail_shape("shortcut", input_shape, problem, hint);
  const int64_t stride_h = shortcut_stride(input_shape[1], body_shape[1]);
  const int64_t stride_w = shortcut_stride(input_shape[2], body_shape[2]);
  if (stride_h == 0 || stride_w == 0) params.fail_shape("shortcut", input_shape, problem, hint);

  // weight: (C_out, C_in, 1, 1), bias: (C_out); LibTorch's default initialisation.
  const auto options = torch::nn::Conv2dOptions(input_shape[0], body_shape[0], 1).stride({stride_h, stride_w});
  return torch::nn::AnyModule(torch::nn::Conv2d(options));
}

GraphOutput build_residual(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context) {
  std::optional<ConfigError> missing;
  const std::vector<config::ConfigNode> body_nodes = read_layer_list(node, "body", missing);

  // `shortcut` is either the word auto or a list of layers.
  const bool explicit_shortcut = node.has("shortcut") && !node.scalar_at("shortcut");
  std::vector<config::ConfigNode> shortcut_nodes;
  std::vector<std::string> activations = {"none"};
  for (const std::string& name : activation_names()) activations.push_back(name);
  std::vector<ParamSpec> specs = {
      choice_param("activation", "none", activations, "activation applied after the sum"),
  };
  if (explicit_shortcut) {
    shortcut_nodes = node.sequence("shortcut");
  } else {
    specs.push_back(choice_param("shortcut", "auto", {"auto"}, "auto, or a list of layers"));
  }
  const LayerParams params = LayerParams::read(node, "residual", specs, context.scope);
  if (missing) throw *missing;
  if (body_nodes.empty()) node.fail("body", "must contain at least one layer");

  SequenceOutput body = build_graph_sequence(body_nodes, input_shape, context);
  std::optional<torch::nn::AnyModule> shortcut;
  if (explicit_shortcut) {
    SequenceOutput built = build_graph_sequence(shortcut_nodes, input_shape, context);
    if (built.output_shape != body.output_shape) {
      params.fail_shape("shortcut", input_shape,
                        fmt::format("the body outputs {} but the shortcut outputs {}", format_shape(body.output_shape),
                                    format_shape(built.output_shape)),
                        "the two must have the same shape to be added");
    }
    if (built.module->size() > 0) shortcut = torch::nn::AnyModule(built.module);
  } else {
    shortcut = auto_shortcut(params, input_shape, body.output_shape);
  }

  std::optional<torch::nn::AnyModule> activation;
  const std::string& activation_name = params.get_choice("activation");
  if (activation_name != "none") activation = build_activation(activation_name, body.output_shape);

  Residual residual(body.module, std::move(shortcut), std::move(activation));
  return {torch::nn::AnyModule(residual), body.output_shape};
}

}  // namespace

ContainerType residual_container() {
  return {"residual",
          "adds a shortcut to the output of a body of layers, then applies an optional activation",
          {"body: list of layers (required)",
           "shortcut: auto (default): the identity when the body keeps the shape, else a 1x1 conv2d with a bias, "
           "the body's output channels and the stride that maps the spatial size; or a list of layers",
           "activation: none (default), relu, gelu, tanh, sigmoid or leaky_relu, applied after the sum"},
          build_residual};
}

}  // namespace runner::registry
