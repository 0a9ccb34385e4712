#include "runner/config/yaml_json.h"

#include <cstdint>

namespace runner::config {

nlohmann::json yaml_to_json(const YAML::Node& node) {
  if (!node || node.IsNull()) return nullptr;
  if (node.IsSequence()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& element : node) list.push_back(yaml_to_json(element));
    return list;
  }
  if (node.IsMap()) {
    nlohmann::json mapping = nlohmann::json::object();
    for (const auto& pair : node) mapping[pair.first.Scalar()] = yaml_to_json(pair.second);
    return mapping;
  }
  // A quoted scalar is a string, as in convert_scalar; a plain one takes the first type it converts to.
  if (node.Tag() == "!") return node.Scalar();
  int64_t integer = 0;
  double number = 0.0;
  bool flag = false;
  if (YAML::convert<int64_t>::decode(node, integer)) return integer;
  if (YAML::convert<double>::decode(node, number)) return number;
  if (YAML::convert<bool>::decode(node, flag)) return flag;
  return node.Scalar();
}

}  // namespace runner::config
