// The validated parameters of one layer, read from its config node through its ParamSpecs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "registry/graph/scope.h"
#include "registry/param_spec.h"
#include "registry/shape.h"
#include "runner/config/config_node.h"

namespace runner::registry {

class LayerParams {
 public:
  // Reads every parameter in `specs` from `node` through the ConfigNode getters, so the type, range,
  // choices and required keys are checked and each value, defaults included, is recorded into the
  // resolved config. Then rejects keys that no spec declares. Throws a ConfigError at the first
  // invalid value. An unknown key is reported before a missing required one.
  static LayerParams read(const config::ConfigNode& node, const std::string& type, const std::vector<ParamSpec>& specs);
  // The same, where a value may be an expression (`$name`, `${expr}`) over the names in `scope`.
  static LayerParams read(const config::ConfigNode& node, const std::string& type, const std::vector<ParamSpec>& specs,
                          const Scope& scope);

  const std::string& type() const { return type_; }
  const std::string& path() const { return node_.path(); }

  // Each getter throws std::logic_error when `name` was not declared with that type: a builder bug.
  int64_t get_int(const std::string& name) const;
  double get_number(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  const std::string& get_choice(const std::string& name) const;
  Pair get_pair(const std::string& name) const;

  // Throws a ConfigError at `key` (at the layer itself when empty), for a combination of values
  // that each pass their own check, such as init_low >= init_high.
  [[noreturn]] void fail(const std::string& key, const std::string& message, const std::string& hint = "") const;

  // Throws a ConfigError at `key` (at the layer itself when empty) that reads
  // "<type> on input <shape>: <problem>", for an input shape this layer cannot take.
  [[noreturn]] void fail_shape(const std::string& key, const Shape& input_shape, const std::string& problem,
                               const std::string& hint = "") const;

 private:
  LayerParams(config::ConfigNode node, std::string type, Scope scope)
      : node_(std::move(node)), type_(std::move(type)), scope_(std::move(scope)) {}

  ParamValue read_one(const ParamSpec& spec) const;
  template <typename T>
  const T& value(const std::string& name) const;

  config::ConfigNode node_;
  std::string type_;
  Scope scope_;
  std::map<std::string, ParamValue> values_;
};

}  // namespace runner::registry
