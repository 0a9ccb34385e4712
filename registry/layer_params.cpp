#include "registry/layer_params.h"

#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "registry/graph/param_expressions.h"
#include "runner/errors.h"

namespace runner::registry {

namespace {

// The default as the getter's type. std::nullopt makes the getter reject a missing key.
template <typename T>
std::optional<T> fallback_as(const ParamSpec& spec) {
  if (!spec.fallback) return std::nullopt;
  return std::get<T>(*spec.fallback);
}

Pair to_pair(const std::vector<int64_t>& values) { return {values.at(0), values.at(1)}; }

}  // namespace

LayerParams LayerParams::read(const config::ConfigNode& node, const std::string& type,
                              const std::vector<ParamSpec>& specs) {
  return read(node, type, specs, Scope());
}

LayerParams LayerParams::read(const config::ConfigNode& node, const std::string& type,
                              const std::vector<ParamSpec>& specs, const Scope& scope) {
  LayerParams params(node, type, scope);
  std::optional<ConfigError> first_missing;
  for (const ParamSpec& spec : specs) {
    if (node.has(spec.name)) {
      params.values_[spec.name] = params.read_one(spec);
      continue;
    }

    // An absent key takes its default. Without one, the getter marks the key as known and throws.
    try {
      params.values_[spec.name] = params.read_one(spec);
    } catch (const ConfigError& error) {
      if (!first_missing) first_missing = error;
    }
  }

  // A misspelt key (kernal_size) is the usual cause of a missing one, and its error suggests the
  // right name, so unknown keys are reported before missing required ones.
  node.check_unknown_keys();
  if (first_missing) throw *first_missing;
  return params;
}

ParamValue LayerParams::read_one(const ParamSpec& spec) const {
  if (std::optional<ParamValue> value = read_expression_param(node_, spec, scope_)) return *value;
  switch (spec.type) {
    case ParamType::kInt:
      return node_.get_int(spec.name, fallback_as<int64_t>(spec), spec.range);
    case ParamType::kNumber:
      return node_.get_double(spec.name, fallback_as<double>(spec), spec.range);
    case ParamType::kBool:
      return node_.get_bool(spec.name, fallback_as<bool>(spec));
    case ParamType::kChoice:
      return node_.get_choice(spec.name, fallback_as<std::string>(spec), spec.choices);
    case ParamType::kIntOrPair:
      break;
  }

  // The default of an int-or-pair parameter is fixed or the value of an earlier parameter. When
  // that parameter is missing there is no default, and read() reports the earlier one.
  std::optional<std::vector<int64_t>> fallback;
  const auto source = spec.default_from.empty() ? values_.end() : values_.find(spec.default_from);
  if (source != values_.end()) {
    const Pair& pair = std::get<Pair>(source->second);
    fallback = std::vector<int64_t>(pair.begin(), pair.end());
  } else if (spec.fallback) {
    const Pair& pair = std::get<Pair>(*spec.fallback);
    fallback = std::vector<int64_t>(pair.begin(), pair.end());
  }
  const Pair pair = to_pair(node_.get_int_or_list(spec.name, fallback, 2, spec.range));

  // A default copied from an expression is recorded as that expression, so that every use of a
  // block records the same text.
  if (source != values_.end() && !node_.has(spec.name)) node_.record(spec.name, node_.resolved().at(spec.default_from));
  return pair;
}

template <typename T>
const T& LayerParams::value(const std::string& name) const {
  const auto found = values_.find(name);
  if (found == values_.end()) {
    throw std::logic_error(fmt::format("layer '{}' reads parameter '{}', which its specs do not declare", type_, name));
  }
  const T* typed = std::get_if<T>(&found->second);
  if (typed == nullptr) {
    throw std::logic_error(
        fmt::format("layer '{}' reads parameter '{}' with a type its spec does not declare", type_, name));
  }
  return *typed;
}

int64_t LayerParams::get_int(const std::string& name) const { return value<int64_t>(name); }

double LayerParams::get_number(const std::string& name) const { return value<double>(name); }

bool LayerParams::get_bool(const std::string& name) const { return value<bool>(name); }

const std::string& LayerParams::get_choice(const std::string& name) const { return value<std::string>(name); }

Pair LayerParams::get_pair(const std::string& name) const { return value<Pair>(name); }

void LayerParams::fail(const std::string& key, const std::string& message, const std::string& hint) const {
  node_.fail(key, message, hint);
}

void LayerParams::fail_shape(const std::string& key, const Shape& input_shape, const std::string& problem,
                             const std::string& hint) const {
  node_.fail(key, fmt::format("{} on input {}: {}", type_, format_shape(input_shape), problem), hint);
}

}  // namespace runner::registry
