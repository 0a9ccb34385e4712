// sequential: a nested list of layers applied in order.
#include "registry/graph/graph_builder.h"
#include "registry/layer_params.h"

namespace runner::registry {

namespace {

GraphOutput build_sequential(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context) {
  std::optional<ConfigError> missing;
  const std::vector<config::ConfigNode> layers = read_layer_list(node, "layers", missing);
  LayerParams::read(node, "sequential", {}, context.scope);  // rejects unknown keys
  if (missing) throw *missing;
  if (layers.empty()) node.fail("layers", "must contain at least one layer");

  SequenceOutput output = build_graph_sequence(layers, input_shape, context);
  return {torch::nn::AnyModule(output.module), std::move(output.output_shape)};
}

}  // namespace

ContainerType sequential_container() {
  return {"sequential",
          "applies a nested list of layers in order",
          {"layers: list of layers (required)"},
          build_sequential};
}

}  // namespace runner::registry
