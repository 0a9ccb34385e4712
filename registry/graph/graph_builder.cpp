#include "registry/graph/graph_builder.h"

#include <fmt/format.h>

#include "registry/builtin_layers.h"
#include "registry/graph/blocks.h"
#include "registry/layer_params.h"
#include "runner/suggest.h"

namespace runner::registry {

// Each function is defined in registry/graph/<name>.cpp, listed explicitly for the same reason as
// the layers in builtin_layers.cpp.
ContainerType sequential_container();
ContainerType residual_container();
ContainerType parallel_container();
ContainerType repeat_container();

namespace {

struct NodeType {
  std::string name;
  std::string key;  // "type" for the mapping form, empty for a bare name
};

// Reads the type from either form and records it under `type`, so the resolved config always
// contains the mapping form.
NodeType read_node_type(const config::ConfigNode& node) {
  NodeType type;
  if (node.is_scalar()) {
    type.name = node.scalar();
    node.record("type", type.name);
  } else if (node.is_map()) {
    type.key = "type";
    type.name = node.get_string(type.key, std::nullopt);
  } else {
    node.fail("", "a layer must be a type name or a mapping with a 'type' key",
              "write `- relu` or `- {type: linear, out_features: 10}`");
  }
  if (is_expression(type.name)) {
    node.fail(type.key, fmt::format("invalid layer type '{}': a type cannot be an expression", type.name),
              "write the type name; pass the varying values as block arguments instead");
  }
  return type;
}

[[noreturn]] void fail_unknown_type(const config::ConfigNode& node, const NodeType& type, const BlockTable& blocks) {
  std::vector<std::string> layer_types = layer_names();
  for (const std::string& name : container_names()) layer_types.push_back(name);
  std::vector<std::string> every_name = layer_types;
  for (const std::string& name : blocks.names()) every_name.push_back(name);

  std::string hint;
  if (auto close = closest_match(type.name, every_name)) hint = "did you mean '" + *close + "'? ";
  hint += "valid names: " + join_names(layer_types);
  if (!blocks.names().empty()) hint += "; blocks: " + join_names(blocks.names());
  node.fail(type.key, fmt::format("unknown layer type '{}'", type.name), hint);
}

GraphOutput build_layer_node(const LayerBuilder& builder, const config::ConfigNode& node, const Shape& input_shape,
                             const GraphContext& context) {
  const size_t row = context.summary->open(node.path(), builder.name, context.depth, input_shape, false);
  const LayerParams params = LayerParams::read(node, builder.name, builder.params, context.scope);
  LayerOutput output = builder.build(params, input_shape);
  context.summary->close(row, output.output_shape, *output.module.ptr());
  return {std::move(output.module), std::move(output.output_shape)};
}

}  // namespace

size_t SummaryRecorder::open(const std::string& path, const std::string& type, int depth, const Shape& input_shape,
                             bool container) {
  LayerSummary row;
  row.path = path;
  row.type = type;
  row.depth = depth;
  row.input_shape = input_shape;
  row.container = container;
  rows_.push_back(std::move(row));
  return rows_.size() - 1;
}

void SummaryRecorder::close(size_t row, const Shape& output_shape, const torch::nn::Module& module) {
  LayerSummary& summary = rows_[row];
  summary.output_shape = output_shape;
  summary.output_numel = shape_numel(output_shape);
  summary.parameter_count = count_parameters(module);

  // The rows after this one up to the next row at its depth or above are its contents.
  int64_t nested = 0;
  for (size_t i = row + 1; i < rows_.size() && rows_[i].depth > summary.depth; ++i) {
    if (rows_[i].depth == summary.depth + 1) nested += rows_[i].parameter_count;
  }
  summary.own_parameter_count = summary.parameter_count - nested;
}

GraphContext GraphContext::nested() const {
  GraphContext inner = *this;
  ++inner.depth;
  return inner;
}

GraphOutput build_graph_node(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context) {
  const NodeType type = read_node_type(node);
  if (const LayerBuilder* builder = find_layer_builder(type.name)) {
    return build_layer_node(*builder, node, input_shape, context);
  }

  const ContainerType* container = find_container_type(type.name);
  BlockDefinition* block = container == nullptr ? context.blocks->find(type.name) : nullptr;
  if (container == nullptr && block == nullptr) fail_unknown_type(node, type, *context.blocks);

  const size_t row = context.summary->open(node.path(), type.name, context.depth, input_shape, true);
  GraphOutput output = container != nullptr ? container->build(node, input_shape, context.nested())
                                            : build_block_use(*block, node, input_shape, context.nested());
  context.summary->close(row, output.output_shape, *output.module.ptr());
  return output;
}

SequenceOutput build_graph_sequence(const std::vector<config::ConfigNode>& nodes, const Shape& input_shape,
                                    const GraphContext& context) {
  SequenceOutput output{Sequence(), input_shape};
  for (const config::ConfigNode& node : nodes) {
    GraphOutput layer = build_graph_node(node, output.output_shape, context);
    output.module->push_back(layer.module);
    output.output_shape = std::move(layer.output_shape);
  }
  return output;
}

std::vector<config::ConfigNode> read_layer_list(const config::ConfigNode& node, const std::string& key,
                                                std::optional<ConfigError>& missing) {
  if (node.has(key)) return node.sequence(key);
  try {
    node.sequence(key);  // marks the key as known, then throws
  } catch (const ConfigError& error) {
    if (!missing) missing = error;
  }
  return {};
}

const std::vector<ContainerType>& container_types() {
  static const std::vector<ContainerType> kContainers = {
      sequential_container(),
      residual_container(),
      parallel_container(),
      repeat_container(),
  };
  return kContainers;
}

const ContainerType* find_container_type(const std::string& name) {
  for (const ContainerType& container : container_types()) {
    if (container.name == name) return &container;
  }
  return nullptr;
}

std::vector<std::string> container_names() {
  std::vector<std::string> names;
  for (const ContainerType& container : container_types()) names.push_back(container.name);
  return names;
}

std::vector<std::string> activation_names() { return {"relu", "gelu", "tanh", "sigmoid", "leaky_relu"}; }

torch::nn::AnyModule build_activation(const std::string& name, const Shape& shape) {
  const LayerBuilder* builder = find_layer_builder(name);
  if (builder == nullptr) throw std::logic_error("activation '" + name + "' is not a registered layer");
  // A placeholder node: every parameter takes its default, recorded into the placeholder only.
  const config::ConfigNode defaults;
  return builder->build(LayerParams::read(defaults, name, builder->params), shape).module;
}

}  // namespace runner::registry
