// Builds the model graph: registered layers, the containers (sequential, residual, parallel,
// repeat) and uses of the blocks declared under model.define, nested in any combination.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <torch/nn/modules/container/any.h>

#include "registry/graph/graph_modules.h"
#include "registry/graph/scope.h"
#include "registry/model_builder.h"
#include "registry/param_spec.h"
#include "registry/shape.h"
#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::registry {

class BlockTable;

struct GraphOutput {
  torch::nn::AnyModule module;
  Shape output_shape;
};

struct SequenceOutput {
  Sequence module;
  Shape output_shape;
};

// The rows of BuiltModel::all_layers, collected while the graph is built.
class SummaryRecorder {
 public:
  // Adds the row of a node before its contents are built, and returns its index for close().
  size_t open(const std::string& path, const std::string& type, int depth, const Shape& input_shape, bool container);
  // Completes the row once the node is built: its output shape and parameter counts.
  void close(size_t row, const Shape& output_shape, const torch::nn::Module& module);

  const std::vector<LayerSummary>& rows() const { return rows_; }

 private:
  std::vector<LayerSummary> rows_;
};

// Where a node is built: the names its expressions see, the blocks being expanded around it, and
// its nesting depth.
struct GraphContext {
  BlockTable* blocks = nullptr;
  Scope scope;
  std::vector<std::string> block_chain;  // the blocks being expanded, outermost first
  int depth = 0;
  SummaryRecorder* summary = nullptr;

  // The context of a container's contents: one level deeper.
  GraphContext nested() const;
};

// Builds one node: a layer type name (`relu`) or a mapping with `type` and its keys. Records the
// node into the resolved config in the mapping form.
GraphOutput build_graph_node(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context);

// Builds `nodes` in order into one Sequence, feeding each output shape to the next.
SequenceOutput build_graph_sequence(const std::vector<config::ConfigNode>& nodes, const Shape& input_shape,
                                    const GraphContext& context);

// The list of layers under `key`. A container reads its lists before its other keys so that its
// unknown-key check knows them. When the key is missing, the error goes to `missing` and the list
// is empty: the caller throws it after the unknown-key check, because a misspelt key usually
// causes the missing one.
std::vector<config::ConfigNode> read_layer_list(const config::ConfigNode& node, const std::string& key,
                                                std::optional<ConfigError>& missing);

// A container type: a `type` whose keys hold lists of layers, built by the graph builder.
using ContainerBuild =
    std::function<GraphOutput(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context)>;

struct ContainerType {
  std::string name;
  std::string doc;
  std::vector<std::string> keys;  // "body: list of layers (required)", one line per key for help text
  ContainerBuild build;
};

// sequential, residual, parallel and repeat.
const std::vector<ContainerType>& container_types();
const ContainerType* find_container_type(const std::string& name);
std::vector<std::string> container_names();

// relu, gelu, tanh, sigmoid and leaky_relu: the layers a residual may apply after its sum.
std::vector<std::string> activation_names();
// Builds the registered activation `name` with every parameter at its default.
torch::nn::AnyModule build_activation(const std::string& name, const Shape& shape);

}  // namespace runner::registry
