// Layer parameters written as expressions: `stride: $stride`, `p: "${0.1 * index}"`.
#pragma once

#include <optional>

#include "registry/graph/scope.h"
#include "registry/param_spec.h"
#include "runner/config/config_node.h"

namespace runner::registry {

// Reads `spec` from `node` when its value is an expression, or a two-element list with an
// expression in it for an int-or-pair parameter. The result goes through the same type, range and
// choice checks as a literal, and a failure is a ConfigError at the key that also shows the
// expression. The resolved config records the value as written, so every use of a block records
// the same text. Returns std::nullopt for a value without expressions, which the caller reads with
// the ConfigNode getters.
std::optional<ParamValue> read_expression_param(const config::ConfigNode& node, const ParamSpec& spec,
                                                const Scope& scope);

// Converts an evaluated value to the type of `spec` and checks it. `written` is the text shown in
// errors. Throws a ConfigError at `spec.name` of `node`.
ParamValue check_param_value(const config::ConfigNode& node, const ParamSpec& spec, const ExpressionValue& value,
                             const std::string& written);

}  // namespace runner::registry
