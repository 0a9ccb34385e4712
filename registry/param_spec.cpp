#include "registry/param_spec.h"

#include <fmt/format.h>

#include "runner/suggest.h"

namespace runner::registry {

namespace {

ParamSpec make_spec(std::string name, ParamType type, std::string doc) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.doc = std::move(doc);
  return spec;
}

}  // namespace

ParamSpec int_param(std::string name, std::optional<int64_t> fallback, config::Range range, std::string doc) {
  ParamSpec spec = make_spec(std::move(name), ParamType::kInt, std::move(doc));
  if (fallback) spec.fallback = *fallback;
  spec.range = range;
  return spec;
}

ParamSpec number_param(std::string name, std::optional<double> fallback, config::Range range, std::string doc) {
  ParamSpec spec = make_spec(std::move(name), ParamType::kNumber, std::move(doc));
  if (fallback) spec.fallback = *fallback;
  spec.range = range;
  return spec;
}

ParamSpec bool_param(std::string name, bool fallback, std::string doc) {
  ParamSpec spec = make_spec(std::move(name), ParamType::kBool, std::move(doc));
  spec.fallback = fallback;
  return spec;
}

ParamSpec choice_param(std::string name, std::string fallback, std::vector<std::string> choices, std::string doc) {
  ParamSpec spec = make_spec(std::move(name), ParamType::kChoice, std::move(doc));
  spec.fallback = std::move(fallback);
  spec.choices = std::move(choices);
  return spec;
}

ParamSpec int_or_pair_param(std::string name, std::optional<int64_t> fallback, config::Range range, std::string doc) {
  ParamSpec spec = make_spec(std::move(name), ParamType::kIntOrPair, std::move(doc));
  if (fallback) spec.fallback = Pair{*fallback, *fallback};
  spec.range = range;
  return spec;
}

ParamSpec int_or_pair_param_from(std::string name, std::string default_from, config::Range range, std::string doc) {
  ParamSpec spec = int_or_pair_param(std::move(name), std::nullopt, range, std::move(doc));
  spec.default_from = std::move(default_from);
  return spec;
}

std::string describe_type(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::kInt:
      return "integer";
    case ParamType::kNumber:
      return "number";
    case ParamType::kBool:
      return "true or false";
    case ParamType::kChoice:
      return "one of: " + join_names(spec.choices);
    case ParamType::kIntOrPair:
      return "integer or [height, width]";
  }
  return "unknown";
}

std::string describe_default(const ParamSpec& spec) {
  if (!spec.default_from.empty()) return "same as " + spec.default_from;
  if (!spec.fallback) return "required";

  const ParamValue& value = *spec.fallback;
  if (const auto* pair = std::get_if<Pair>(&value)) {
    if ((*pair)[0] == (*pair)[1]) return std::to_string((*pair)[0]);
    return fmt::format("[{}, {}]", (*pair)[0], (*pair)[1]);
  }
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<double>(&value)) return fmt::format("{}", *number);
  return std::to_string(std::get<int64_t>(value));
}

}  // namespace runner::registry
