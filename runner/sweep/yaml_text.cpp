#include "runner/sweep/yaml_text.h"

#include <cstdint>

#include <fmt/format.h>

#include "runner/config/config_node.h"

namespace runner::sweep {

namespace {

// yaml-cpp marks a quoted or block scalar with the non-specific tag "!", and a plain one with "?" or no tag.
bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

bool has_explicit_tag(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  return !tag.empty() && tag != "?" && tag != "!";
}

void emit_node(YAML::Emitter& out, const YAML::Node& node) {
  if (has_explicit_tag(node)) out << YAML::VerbatimTag(node.Tag());

  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out << YAML::Null;
      return;
    case YAML::NodeType::Scalar:
      // The emitter writes a plain-looking string such as "3" without quotes, which would read back
      // as an integer, so quoted scalars are forced to double quotes.
      if (is_quoted(node)) out << YAML::DoubleQuoted;
      out << node.Scalar();
      return;
    case YAML::NodeType::Sequence:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& element : node) emit_node(out, element);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Map:
      if (node.Style() == YAML::EmitterStyle::Flow) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& pair : node) {
        out << YAML::Key;
        emit_node(out, pair.first);
        out << YAML::Value;
        emit_node(out, pair.second);
      }
      out << YAML::EndMap;
      return;
  }
}

}  // namespace

std::string emit_yaml(const YAML::Node& root) {
  YAML::Emitter out;
  emit_node(out, root);
  std::string text = out.c_str();
  text += "\n";
  return text;
}

nlohmann::json config_json_of(const std::string& yaml_text, const std::string& source_name) {
  const auto root = config::ConfigNode::parse_string(yaml_text, source_name);
  nlohmann::json json = nlohmann::json::object();
  for (const auto& key : root.keys()) json[key] = root.as_written(key);
  return json;
}

std::string yaml_text_of_double(double value) {
  // fmt's "{}" is the shortest text that reads back to the same double. It omits the decimal point
  // for whole numbers, and YAML would then read an integer.
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".eE") == std::string::npos && text.find_first_of("0123456789") != std::string::npos) {
    text += ".0";
  }
  return text;
}

}  // namespace runner::sweep
