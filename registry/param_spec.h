// Declarative descriptions of layer parameters.
//
// A builder lists its parameters as ParamSpecs. The generic reader (LayerParams::read) validates
// and records every listed key, and a `runner layers` command can print the same list, so the
// specs are the single source of truth for names, types, defaults, ranges and documentation.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runner/config/config_node.h"

namespace runner::registry {

enum class ParamType {
  kInt,       // one integer
  kNumber,    // one floating-point number
  kBool,      // true or false
  kChoice,    // one string out of a fixed list
  kIntOrPair  // one integer used for both spatial dimensions, or [height, width]
};

// Two spatial sizes: (height, width).
using Pair = std::array<int64_t, 2>;

// The validated value of one parameter. The alternatives follow the order of ParamType above.
using ParamValue = std::variant<int64_t, double, bool, std::string, Pair>;

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kInt;
  // The default. With no default and an empty default_from, the parameter is required.
  std::optional<ParamValue> fallback;
  // Name of an earlier parameter of the same type whose value is the default (a pooling stride
  // defaults to its kernel_size).
  std::string default_from;
  config::Range range;               // kInt, kNumber and kIntOrPair
  std::vector<std::string> choices;  // kChoice
  std::string doc;                   // one line

  bool required() const { return !fallback && default_from.empty(); }
};

ParamSpec int_param(std::string name, std::optional<int64_t> fallback, config::Range range, std::string doc);
ParamSpec number_param(std::string name, std::optional<double> fallback, config::Range range, std::string doc);
ParamSpec bool_param(std::string name, bool fallback, std::string doc);
ParamSpec choice_param(std::string name, std::string fallback, std::vector<std::string> choices, std::string doc);
// `fallback` is used for both dimensions.
ParamSpec int_or_pair_param(std::string name, std::optional<int64_t> fallback, config::Range range, std::string doc);
// An int-or-pair parameter whose default is the value of the earlier parameter `default_from`.
ParamSpec int_or_pair_param_from(std::string name, std::string default_from, config::Range range, std::string doc);

// The accepted type in words: "integer", "integer or [height, width]", "one of: a, b".
std::string describe_type(const ParamSpec& spec);
// The default in words: "required", "0.1", "same as kernel_size".
std::string describe_default(const ParamSpec& spec);

}  // namespace runner::registry
