// repeat: `times` copies of a list of layers, each with its own weights. The layers see `index`
// (0 to times - 1) and `count` (times) in their expressions.
#include <fmt/format.h>

#include "registry/graph/graph_builder.h"
#include "registry/layer_params.h"

namespace runner::registry {

namespace {

GraphOutput build_repeat(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context) {
  std::optional<ConfigError> missing;
  const std::vector<config::ConfigNode> layers = read_layer_list(node, "layers", missing);
  const std::vector<ParamSpec> specs = {
      int_param("times", std::nullopt, config::Range::at_least(0), "number of copies; 0 builds none"),
  };
  const LayerParams params = LayerParams::read(node, "repeat", specs, context.scope);
  if (missing) throw *missing;
  if (layers.empty()) node.fail("layers", "must contain at least one layer");

  const int64_t times = params.get_int("times");
  if (times == 0) {
    // Nothing reads the layers, so record them as written for the resolved config.
    node.record("layers", node.as_written("layers"));
  }

  Sequence sequence;
  Shape shape = input_shape;
  for (int64_t index = 0; index < times; ++index) {
    GraphContext repetition = context;
    repetition.scope = context.scope.with_names({{"index", index}, {"count", times}});
    for (const config::ConfigNode& layer : layers) {
      const auto labelled = layer.with_path(fmt::format("{} (repeat {} of {})", layer.path(), index + 1, times));
      GraphOutput output = build_graph_node(labelled, shape, repetition);
      sequence->push_back(output.module);
      shape = std::move(output.output_shape);
    }
  }
  return {torch::nn::AnyModule(sequence), shape};
}

}  // namespace

ContainerType repeat_container() {
  return {"repeat",
          "builds `times` copies of a list of layers, each with its own weights; expressions see index and count",
          {"times: integer >= 0 (required); 0 builds nothing and leaves the input unchanged",
           "layers: list of layers (required), copied `times` times in order"},
          build_repeat};
}

}  // namespace runner::registry
