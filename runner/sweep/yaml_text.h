// YAML text and typed JSON for config trees edited by overrides and sweeps.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "runner/config/yaml_json.h"

namespace runner::sweep {

// Writes `root` as YAML that reads back to the same values and types. Every scalar keeps its exact
// text (`1e-7` stays `1e-7`), a quoted scalar stays quoted (so `"3"` stays a string), and flow lists
// and mappings stay in flow style. Comments are not kept: yaml-cpp drops them when it parses.
std::string emit_yaml(const YAML::Node& root);

// The config reader's YAML-to-JSON conversion, the typing rule of ConfigNode::as_written.
using config::yaml_to_json;

// The typed JSON of a whole config as ConfigNode reads it, keys sorted. Parsing `yaml_text` with
// ConfigNode::parse_string also proves that the text is a valid config tree: a syntax error or a
// repeated key throws a ConfigError naming `source_name`.
nlohmann::json config_json_of(const std::string& yaml_text, const std::string& source_name);

// The shortest text that reads back as exactly `value` and that YAML reads as a number, not an
// integer: 0.001, 1e-05, 2.0.
std::string yaml_text_of_double(double value);

}  // namespace runner::sweep
