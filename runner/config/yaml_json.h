// Conversion of a YAML tree to JSON with the types the config reader gives plain scalars.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace runner::config {

// Converts `node` to JSON: a quoted scalar is a string, and a plain one becomes an integer, a number,
// true/false or a string, the first type it converts to. An absent or null node is null.
nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace runner::config
