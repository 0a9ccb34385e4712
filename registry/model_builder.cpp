#include "registry/model_builder.h"

#include <stdexcept>

#include <fmt/format.h>

#include "registry/builtin_layers.h"
#include "registry/graph/blocks.h"
#include "registry/graph/graph_builder.h"
#include "registry/graph/scope.h"
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

// Without `layers`, a key such as `layer:` is a misspelling rather than a model variable, so name it
// before the generic "missing required list" error.
void reject_misspelt_layers_key(const config::ConfigNode& model_section) {
  if (model_section.has("layers")) return;
  for (const std::string& key : model_section.keys()) {
    if (key != "define" && closest_match(key, {"layers", "define"}) == std::optional<std::string>("layers")) {
      model_section.fail(key, "unknown key", "did you mean 'layers'?");
    }
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
  reject_misspelt_layers_key(model_section);
  const std::shared_ptr<ModelVariables> variables = ModelVariables::read(model_section);
  BlockTable blocks = BlockTable::read(model_section);
  const std::vector<config::ConfigNode> layer_nodes = model_section.sequence("layers");
  if (layer_nodes.empty()) model_section.fail("layers", "must contain at least one layer");

  SummaryRecorder summary;
  GraphContext context;
  context.blocks = &blocks;
  context.scope = Scope(variables);
  context.summary = &summary;

  BuiltModel model;
  Shape shape = input_shape;
  std::vector<size_t> top_rows;
  for (const config::ConfigNode& layer_node : layer_nodes) {
    top_rows.push_back(summary.rows().size());
    GraphOutput layer = build_graph_node(layer_node, shape, context);
    model.net->push_back(layer.module);
    shape = std::move(layer.output_shape);
  }
  model.output_shape = shape;
  model.all_layers = summary.rows();
  for (size_t row : top_rows) {
    model.layers.push_back(model.all_layers[row]);
    model.parameter_count += model.all_layers[row].parameter_count;
  }

  variables->check_all_used();
  blocks.record_unused();
  model_section.check_unknown_keys();
  return model;
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t count = 0;
  for (const auto& parameter : module.parameters()) count += parameter.numel();
  return count;
}

}  // namespace runner::registry
