#include "registry/model_builder.h"

#include <stdexcept>

#include <fmt/format.h>

#include "registry/builtin_layers.h"
#include "registry/layer_params.h"
#include "runner/suggest.h"

namespace runner::registry {

namespace {

// Reads the layer type from either form and records it under `type`, so the resolved config
// always contains the mapping form.
const LayerBuilder& read_layer_builder(const config::ConfigNode& layer_node) {
  std::string type;
  std::string key;
  if (layer_node.is_scalar()) {
    type = layer_node.scalar();
    layer_node.record("type", type);
  } else if (layer_node.is_map()) {
    key = "type";
    type = layer_node.get_string(key, std::nullopt);
  } else {
    layer_node.fail("", "a layer must be a type name or a mapping with a 'type' key",
                    "write `- relu` or `- {type: linear, out_features: 10}`");
  }

  const LayerBuilder* builder = find_layer_builder(type);
  if (builder == nullptr) {
    layer_node.fail(key, fmt::format("unknown layer type '{}'", type), suggest_names(type, layer_names()));
  }
  return *builder;
}

void check_input_shape(const Shape& input_shape) {
  bool valid = !input_shape.empty();
  for (int64_t size : input_shape) valid = valid && size > 0;
  if (!valid) {
    throw std::invalid_argument(
        fmt::format("build_model: invalid input shape {}: it needs at least one dimension, all positive",
                    format_shape(input_shape)));
  }
}

}  // namespace

BuiltLayer build_layer(const config::ConfigNode& layer_node, const Shape& input_shape) {
  const LayerBuilder& builder = read_layer_builder(layer_node);
  const LayerParams params = LayerParams::read(layer_node, builder.name, builder.params);

  LayerOutput output = builder.build(params, input_shape);
  return {builder.name, std::move(output.module), std::move(output.output_shape)};
}

BuiltModel build_model(const config::ConfigNode& model_section, const Shape& input_shape) {
  check_input_shape(input_shape);
  const std::vector<config::ConfigNode> layer_nodes = model_section.sequence("layers");
  if (layer_nodes.empty()) model_section.fail("layers", "must contain at least one layer");

  BuiltModel model;
  Shape shape = input_shape;
  for (const config::ConfigNode& layer_node : layer_nodes) {
    BuiltLayer layer = build_layer(layer_node, shape);
    const int64_t parameter_count = count_parameters(*layer.module.ptr());

    model.net->push_back(layer.module);
    model.layers.push_back({layer_node.path(), layer.type, shape, layer.output_shape, parameter_count});
    model.parameter_count += parameter_count;
    shape = layer.output_shape;
  }
  model.output_shape = shape;

  model_section.check_unknown_keys();
  return model;
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t count = 0;
  for (const auto& parameter : module.parameters()) count += parameter.numel();
  return count;
}

}  // namespace runner::registry
