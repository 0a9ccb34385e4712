#include "registry/graph/param_expressions.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "runner/errors.h"
#include "runner/suggest.h"

namespace runner::registry {

namespace {

std::string shown(const ExpressionValue& value, const std::string& written) {
  if (written.empty()) return format_value(value);
  return fmt::format("{} (from '{}')", format_value(value), written);
}

int64_t require_int(const config::ConfigNode& node, const ParamSpec& spec, const ExpressionValue& value,
                    const std::string& written) {
  const auto* integer = std::get_if<int64_t>(&value);
  if (integer == nullptr) {
    const bool is_real = std::holds_alternative<double>(value);
    node.fail(spec.name, fmt::format("must be an integer, got {}", shown(value, written)),
              is_real ? "'/' always gives a float; use '//' for integer division" : "");
  }
  if (!spec.range.contains(static_cast<double>(*integer))) {
    node.fail(spec.name, fmt::format("{}, got {}", spec.range.describe(), shown(value, written)));
  }
  return *integer;
}

double require_number(const config::ConfigNode& node, const ParamSpec& spec, const ExpressionValue& value,
                      const std::string& written) {
  if (std::holds_alternative<std::string>(value)) {
    node.fail(spec.name, fmt::format("must be a number, got {}", shown(value, written)));
  }
  const double number = std::holds_alternative<int64_t>(value) ? static_cast<double>(std::get<int64_t>(value))
                                                                : std::get<double>(value);
  if (!spec.range.contains(number)) {
    node.fail(spec.name, fmt::format("{}, got {}", spec.range.describe(), shown(value, written)));
  }
  return number;
}

// A two-element list for an int-or-pair parameter in which at least one element is an expression.
// Returns std::nullopt when no element is one.
std::optional<Pair> read_pair_with_expressions(const config::ConfigNode& node, const ParamSpec& spec,
                                               const Scope& scope) {
  std::vector<config::ConfigNode> elements;
  try {
    elements = node.sequence(spec.name);
  } catch (const ConfigError&) {
    // Not a list: the int-or-list getter reads it again and reports the problem in its own words.
    return std::nullopt;
  }
  bool any_expression = false;
  for (const config::ConfigNode& element : elements) {
    any_expression = any_expression || (element.is_scalar() && is_expression(element.scalar()));
  }
  if (!any_expression) return std::nullopt;
  if (elements.size() != 2) {
    node.fail(spec.name, fmt::format("must be one integer or a list of 2 integers, got a list of {}", elements.size()));
  }

  Pair pair{};
  nlohmann::json written = nlohmann::json::array();
  for (size_t i = 0; i < 2; ++i) {
    const std::string text = elements[i].scalar();
    if (!elements[i].is_scalar()) node.fail(spec.name, "must be a list of integers, got a nested list or mapping");
    if (is_expression(text)) {
      pair[i] = require_int(node, spec, scope.evaluate(node, spec.name, text), text);
      written.push_back(text);
    } else {
      pair[i] = require_int(node, spec, parse_literal(text), "");
      written.push_back(pair[i]);
    }
  }
  node.record(spec.name, written);
  return pair;
}

}  // namespace

ParamValue check_param_value(const config::ConfigNode& node, const ParamSpec& spec, const ExpressionValue& value,
                             const std::string& written) {
  switch (spec.type) {
    case ParamType::kInt:
      return require_int(node, spec, value, written);
    case ParamType::kNumber:
      return require_number(node, spec, value, written);
    case ParamType::kIntOrPair: {
      const int64_t size = require_int(node, spec, value, written);
      return Pair{size, size};
    }
    case ParamType::kBool: {
      const auto* text = std::get_if<std::string>(&value);
      if (text != nullptr && (*text == "true" || *text == "false")) return *text == "true";
      node.fail(spec.name, fmt::format("must be true or false, got {}", shown(value, written)));
    }
    case ParamType::kChoice:
      break;
  }

  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) {
    node.fail(spec.name, fmt::format("must be one of: {}, got {}", join_names(spec.choices), shown(value, written)));
  }
  for (const std::string& choice : spec.choices) {
    if (choice == *text) return *text;
  }
  node.fail(spec.name, fmt::format("unknown value {}", shown(value, written)), suggest_names(*text, spec.choices));
}

std::optional<ParamValue> read_expression_param(const config::ConfigNode& node, const ParamSpec& spec,
                                                const Scope& scope) {
  if (const std::optional<std::string> text = node.scalar_at(spec.name)) {
    if (!is_expression(*text)) return std::nullopt;
    node.get_string(spec.name, std::nullopt);  // marks the key as read
    const ParamValue value = check_param_value(node, spec, scope.evaluate(node, spec.name, *text), *text);
    node.record(spec.name, *text);
    return value;
  }
  if (spec.type != ParamType::kIntOrPair || !node.has(spec.name)) return std::nullopt;
  if (std::optional<Pair> pair = read_pair_with_expressions(node, spec, scope)) return *pair;
  return std::nullopt;
}

}  // namespace runner::registry
