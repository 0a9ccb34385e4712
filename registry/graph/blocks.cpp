#include "registry/graph/blocks.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "registry/builtin_layers.h"
#include "runner/suggest.h"

namespace runner::registry {

namespace {

bool is_identifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

void check_block_name(const config::ConfigNode& define, const std::string& name) {
  if (!is_identifier(name)) {
    define.fail(name, "invalid block name", "use letters, digits and '_', starting with a letter or '_'");
  }
  if (find_layer_builder(name) != nullptr || find_container_type(name) != nullptr) {
    define.fail(name, fmt::format("block name '{}' is already a built-in layer type", name),
                "rename the block, e.g. '" + name + "_block'");
  }
}

// A default or an argument as written: a number, a string or an expression.
ExpressionValue written_value(const config::ConfigNode& node, const std::string& key, const nlohmann::json& written,
                              const std::string& what) {
  if (std::optional<ExpressionValue> value = value_from_written(written)) return *value;
  node.fail(key, fmt::format("{} must be a number, a string or an expression, got a list or mapping", what));
}

std::vector<BlockParam> read_block_params(const config::ConfigNode& params_node) {
  std::vector<BlockParam> params;
  for (const std::string& name : params_node.keys()) {
    if (!is_identifier(name) || name == "type") {
      params_node.fail(name, "invalid parameter name",
                       "use letters, digits and '_', starting with a letter or '_'; 'type' names the block itself");
    }
    BlockParam param{name, params_node.as_written(name)};
    if (!param.fallback.is_null()) written_value(params_node, name, param.fallback, "a default");
    params_node.record(name, param.fallback);
    params.push_back(std::move(param));
  }
  return params;
}

std::string describe_params(const BlockDefinition& block) {
  std::vector<std::string> parts;
  for (const BlockParam& param : block.params) {
    parts.push_back(param.fallback.is_null() ? param.name + " (required)" : param.name + " = " + param.fallback.dump());
  }
  if (parts.empty()) return fmt::format("block '{}' takes no arguments", block.name);
  return fmt::format("block '{}' takes: {}", block.name, join_names(parts));
}

void check_no_cycle(const BlockDefinition& block, const config::ConfigNode& call_node,
                    const std::vector<std::string>& chain) {
  const auto start = std::find(chain.begin(), chain.end(), block.name);
  if (start == chain.end()) return;
  std::string cycle;
  for (auto name = start; name != chain.end(); ++name) cycle += *name + " -> ";
  cycle += block.name;
  call_node.fail(call_node.is_map() ? "type" : "",
                 fmt::format("block '{}' uses itself: {}", block.name, cycle),
                 "a block cannot contain itself, directly or through other blocks; use repeat for a chain of copies");
}

// The arguments of one use, in the order of the block's params. Each is recorded as written, and
// an absent one as its default, so the resolved config shows every argument.
std::vector<std::pair<std::string, ExpressionValue>> read_arguments(const BlockDefinition& block,
                                                                    const config::ConfigNode& call_node,
                                                                    const Scope& caller_scope) {
  std::vector<std::pair<std::string, ExpressionValue>> arguments;
  std::optional<ConfigError> first_missing;
  for (const BlockParam& param : block.params) {
    if (call_node.has(param.name)) {
      const nlohmann::json written = call_node.as_written(param.name);
      ExpressionValue value = written_value(call_node, param.name, written, "a block argument");
      call_node.get_string(param.name, std::nullopt);  // marks the key as read
      if (const auto* text = std::get_if<std::string>(&value); text != nullptr && is_expression(*text)) {
        value = caller_scope.evaluate(call_node, param.name, *text);
      }
      call_node.record(param.name, written);
      arguments.emplace_back(param.name, std::move(value));
      continue;
    }

    // Reading the absent key with an empty default marks it as known for the unknown-key check. The
    // empty string it records is replaced below, or the use fails.
    call_node.get_string(param.name, std::string());
    if (param.fallback.is_null()) {
      try {
        call_node.fail(param.name, fmt::format("missing required argument of block '{}'", block.name),
                       describe_params(block));
      } catch (const ConfigError& error) {
        if (!first_missing) first_missing = error;
      }
      continue;
    }
    // A default may be an expression over the model variables.
    ExpressionValue value = written_value(block.params_node, param.name, param.fallback, "a default");
    if (const auto* text = std::get_if<std::string>(&value); text != nullptr && is_expression(*text)) {
      value = caller_scope.globals().evaluate(block.params_node, param.name, *text);
    }
    call_node.record(param.name, param.fallback);
    arguments.emplace_back(param.name, std::move(value));
  }

  call_node.check_unknown_keys();
  if (first_missing) throw *first_missing;
  return arguments;
}

}  // namespace

BlockTable BlockTable::read(const config::ConfigNode& model_section) {
  BlockTable table;
  if (!model_section.has("define")) return table;
  table.define_ = model_section.child("define");
  const config::ConfigNode& define = *table.define_;

  for (const std::string& name : define.keys()) {
    check_block_name(define, name);
    const config::ConfigNode block_node = define.child(name);
    const config::ConfigNode params_node = block_node.child_or_empty("params");
    BlockDefinition block{name, block_node, params_node, read_block_params(params_node)};

    // The layers are read at each use. Reading the list here checks that it exists and marks the key.
    std::optional<ConfigError> missing;
    const bool empty = read_layer_list(block_node, "layers", missing).empty();
    block_node.check_unknown_keys();
    if (missing) throw *missing;
    if (empty) block_node.fail("layers", "must contain at least one layer");
    table.blocks_.push_back(std::move(block));
  }
  return table;
}

BlockDefinition* BlockTable::find(const std::string& name) {
  for (BlockDefinition& block : blocks_) {
    if (block.name == name) return &block;
  }
  return nullptr;
}

std::vector<std::string> BlockTable::names() const {
  std::vector<std::string> names;
  for (const BlockDefinition& block : blocks_) names.push_back(block.name);
  return names;
}

void BlockTable::record_unused() const {
  for (const BlockDefinition& block : blocks_) {
    if (!block.used) define_->record(block.name, define_->as_written(block.name));
  }
}

GraphOutput build_block_use(BlockDefinition& block, const config::ConfigNode& call_node, const Shape& input_shape,
                            const GraphContext& context) {
  check_no_cycle(block, call_node, context.block_chain);
  block.used = true;
  std::vector<std::pair<std::string, ExpressionValue>> arguments = read_arguments(block, call_node, context.scope);

  // The body is reported under the path of this use, so an error names both the use and the line
  // in the definition. Its expressions can refer to the model variables and the arguments, not to
  // the caller's names.
  const config::ConfigNode body = block.node.with_path(call_node.path() + " -> define." + block.name);
  GraphContext inner = context;
  inner.scope = context.scope.globals().with_names(std::move(arguments));
  inner.block_chain.push_back(block.name);

  std::optional<ConfigError> missing;
  const std::vector<config::ConfigNode> layers = read_layer_list(body, "layers", missing);
  if (missing) throw *missing;
  SequenceOutput output = build_graph_sequence(layers, input_shape, inner);
  return {torch::nn::AnyModule(output.module), std::move(output.output_shape)};
}

}  // namespace runner::registry
