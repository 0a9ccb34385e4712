// The names an expression in the model section can see: model variables, the arguments of the
// enclosing block, and `index` and `count` inside a repeat.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "registry/graph/expression.h"
#include "runner/config/config_node.h"

namespace runner::registry {

// A number or string written in the config (ConfigNode::as_written) as a value: true and false
// become the strings "true" and "false", which a true/false layer parameter accepts. Returns
// std::nullopt for null, a list or a mapping.
std::optional<ExpressionValue> value_from_written(const nlohmann::json& written);

// Every key of the model section other than `layers` and `define`, evaluated once. A variable may
// refer to any other variable, whatever their order in the file, because the resolved config stores
// the keys of a mapping sorted by name.
class ModelVariables {
 public:
  // Reads and evaluates the variables of `model_section`. A key holding a list or mapping is left
  // unread, so the section's unknown-key check reports it. Throws a ConfigError at the first
  // invalid variable and at a variable that refers to itself.
  static std::shared_ptr<ModelVariables> read(const config::ConfigNode& model_section);

  // The value of `name`, or std::nullopt when no variable has that name. Marks the variable used.
  std::optional<ExpressionValue> find(const std::string& name);

  // Throws a ConfigError at the first variable, in file order, that no expression refers to.
  void check_all_used() const;

  // "name = value" for each variable in file order.
  std::vector<std::string> describe() const;

 private:
  struct Variable {
    std::string name;
    std::string text;  // as written
    ExpressionValue value;
    bool evaluated = false;
    bool used = false;
  };

  explicit ModelVariables(config::ConfigNode section) : section_(std::move(section)) {}
  Variable* find_variable(const std::string& name);
  void evaluate(Variable& variable);

  config::ConfigNode section_;
  std::vector<Variable> variables_;       // file order
  std::vector<std::string> evaluating_;  // the chain being evaluated, to report a cycle
};

// A chain of name frames over the model variables. Inner frames shadow outer ones.
class Scope {
 public:
  // No names at all.
  Scope() = default;
  explicit Scope(std::shared_ptr<ModelVariables> variables) : variables_(std::move(variables)) {}

  // This scope with `names` added in front of the existing ones.
  Scope with_names(std::vector<std::pair<std::string, ExpressionValue>> names) const;
  // Only the model variables: a block's body sees them and its own arguments, not its caller's names.
  Scope globals() const { return Scope(variables_); }

  std::optional<ExpressionValue> find(const std::string& name) const;

  // Evaluates `text`, written at `key` of `node`. Throws a ConfigError there that names the
  // expression and lists the visible names, for an undefined name, a syntax error (with its column
  // in the expression) or an invalid operation such as a division by zero.
  ExpressionValue evaluate(const config::ConfigNode& node, const std::string& key, const std::string& text) const;

  // The visible names, innermost first and each once.
  std::vector<std::string> names() const;
  // "index = 2, count = 6, width = 30", or a note that no names are visible.
  std::string describe() const;

 private:
  std::shared_ptr<ModelVariables> variables_;
  std::vector<std::vector<std::pair<std::string, ExpressionValue>>> frames_;  // innermost last
};

}  // namespace runner::registry
