// Named, parameterised blocks: declared once under model.define and used as a layer type.
//
//   define:
//     res_block:
//       params: {channels: null, stride: 1}   # defaults; null marks a required argument
//       layers: [...]                         # may use $channels and $stride
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/graph/graph_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {

struct BlockParam {
  std::string name;
  nlohmann::json fallback;  // the default as written; null for a required parameter
};

struct BlockDefinition {
  std::string name;
  config::ConfigNode node;         // the mapping define.<name>
  config::ConfigNode params_node;  // define.<name>.params, for errors in a default
  std::vector<BlockParam> params;  // in file order
  bool used = false;
};

class BlockTable {
 public:
  // Reads model.define when present. Rejects a block name that is a layer or container type, an
  // invalid parameter list and a block without layers. The block's layers are read at each use.
  static BlockTable read(const config::ConfigNode& model_section);

  BlockDefinition* find(const std::string& name);
  std::vector<std::string> names() const;

  // Records each block that nothing used as written, since no use recorded its layers.
  void record_unused() const;

 private:
  std::optional<config::ConfigNode> define_;
  std::vector<BlockDefinition> blocks_;
};

// Expands a use of `block` written at `call_node`: evaluates the arguments in the caller's scope,
// fills in defaults, and builds the block's layers in a scope of the model variables and the
// arguments. Rejects unknown and missing arguments, and a block that uses itself.
GraphOutput build_block_use(BlockDefinition& block, const config::ConfigNode& call_node, const Shape& input_shape,
                            const GraphContext& context);

}  // namespace runner::registry
