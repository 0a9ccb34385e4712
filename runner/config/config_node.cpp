#include "runner/config/config_node.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "runner/config/yaml_json.h"
#include "runner/suggest.h"

namespace runner::config {

struct ConfigNode::Shared {
  std::string file;
  nlohmann::json resolved = nlohmann::json::object();
  std::map<std::string, std::set<std::string>> read_keys;  // map path -> keys read by a getter
};

namespace {

SourceLocation location_of_node(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// yaml-cpp keeps both pairs when a mapping repeats a key, and lookups then see only one of them,
// so a repeated key would silently win or lose. Walk the whole tree and reject any repetition.
void reject_duplicate_keys(const YAML::Node& node, const std::string& file, const std::string& path) {
  if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) {
      reject_duplicate_keys(node[i], file, fmt::format("{}[{}]", path, i));
    }
    return;
  }
  if (!node.IsMap()) return;

  std::map<std::string, YAML::Mark> first_seen;
  for (const auto& pair : node) {
    const std::string key = pair.first.Scalar();
    const std::string child_path = path.empty() ? key : path + "." + key;
    const auto [it, inserted] = first_seen.emplace(key, pair.first.Mark());
    if (!inserted) {
      throw ConfigError(location_of_node(file, pair.first), child_path,
                        fmt::format("key '{}' is given twice in one mapping (lines {} and {})", key,
                                    it->second.line + 1, pair.first.Mark().line + 1),
                        "keep one of them; YAML does not allow repeated keys");
    }
    reject_duplicate_keys(pair.second, file, child_path);
  }
}

std::string format_number(double value) { return fmt::format("{}", value); }

}  // namespace

bool Range::contains(double value) const {
  if (std::isnan(value)) return false;
  if (min && (min_exclusive ? value <= *min : value < *min)) return false;
  if (max && (max_exclusive ? value >= *max : value > *max)) return false;
  return true;
}

std::string Range::describe() const {
  if (min && max) {
    return fmt::format("must be in {}{}, {}{}", min_exclusive ? "(" : "[", format_number(*min),
                       format_number(*max), max_exclusive ? ")" : "]");
  }
  if (min) return fmt::format("must be {} {}", min_exclusive ? ">" : ">=", format_number(*min));
  if (max) return fmt::format("must be {} {}", max_exclusive ? "<" : "<=", format_number(*max));
  return "may be any number";
}

ConfigNode::ConfigNode()
    : node_(YAML::NodeType::Map), shared_(std::make_shared<Shared>()), pointer_(nlohmann::json::json_pointer()) {}

ConfigNode::ConfigNode(YAML::Node node, std::string path, std::shared_ptr<Shared> shared,
                       nlohmann::json::json_pointer pointer)
    : node_(std::move(node)), path_(std::move(path)), shared_(std::move(shared)), pointer_(std::move(pointer)) {}

ConfigNode ConfigNode::from_root(YAML::Node root, const std::string& source_name) {
  if (!root.IsMap()) {
    throw ConfigError(location_of_node(source_name, root), "",
                      "the config must be a YAML mapping of sections (name, data, model, ...)",
                      "see configs/quickstart.yaml for a complete example");
  }
  reject_duplicate_keys(root, source_name, "");
  auto shared = std::make_shared<Shared>();
  shared->file = source_name;
  return ConfigNode(root, "", shared, nlohmann::json::json_pointer());
}

ConfigNode ConfigNode::parse_string(const std::string& text, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw ConfigError(SourceLocation{source_name, error.mark.line + 1, error.mark.column + 1}, "",
                      "invalid YAML syntax: " + error.msg);
  }
  return from_root(root, source_name);
}

ConfigNode ConfigNode::parse_file(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw ConfigError(SourceLocation{file.string()}, "", "config file not found or not readable",
                      "check the path; example configs are in configs/");
  }
  std::stringstream text;
  text << stream.rdbuf();
  return parse_string(text.str(), file.string());
}

SourceLocation ConfigNode::location() const { return location_of_node(shared_->file, node_); }

const std::string& ConfigNode::file() const { return shared_->file; }

const nlohmann::json& ConfigNode::resolved() const {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return shared_->resolved.contains(pointer_) ? shared_->resolved.at(pointer_) : kEmpty;
}

std::string ConfigNode::key_path(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

bool ConfigNode::has(const std::string& key) const {
  return node_.IsMap() && node_[key] && !node_[key].IsNull();
}

YAML::Node ConfigNode::value_node(const std::string& key) const {
  // A default-constructed YAML::Node counts as defined (a null), so absence needs the Undefined type.
  const YAML::Node absent(YAML::NodeType::Undefined);
  if (!node_.IsMap()) return absent;
  YAML::Node value = node_[key];
  if (!value || value.IsNull()) return absent;
  return value;
}

void ConfigNode::mark_read(const std::string& key) const { shared_->read_keys[path_].insert(key); }

SourceLocation ConfigNode::location_of(const std::string& key) const {
  const YAML::Node value = value_node(key);
  return value ? location_of_node(shared_->file, value) : location();
}

void ConfigNode::fail(const std::string& key, const std::string& message, const std::string& hint) const {
  throw ConfigError(location_of(key), key_path(key), message, hint);
}

void ConfigNode::record(const std::string& key, const nlohmann::json& value) const {
  shared_->resolved[pointer_ / key] = value;
}

ConfigNode ConfigNode::child(const std::string& key) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  if (!value) fail(key, "missing required section");
  if (!value.IsMap()) fail(key, "must be a mapping of keys to values");
  shared_->resolved[pointer_ / key] = nlohmann::json::object();
  return ConfigNode(value, key_path(key), shared_, pointer_ / key);
}

ConfigNode ConfigNode::child_or_empty(const std::string& key) const {
  if (has(key)) return child(key);
  mark_read(key);
  shared_->resolved[pointer_ / key] = nlohmann::json::object();
  return ConfigNode(YAML::Node(YAML::NodeType::Map), key_path(key), shared_, pointer_ / key);
}

std::vector<ConfigNode> ConfigNode::sequence(const std::string& key) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  if (!value) fail(key, "missing required list");
  if (!value.IsSequence()) fail(key, "must be a list");
  shared_->resolved[pointer_ / key] = nlohmann::json::array();

  std::vector<ConfigNode> elements;
  for (size_t i = 0; i < value.size(); ++i) {
    const auto element_pointer = pointer_ / key / i;
    shared_->resolved[element_pointer] = nlohmann::json::object();
    elements.push_back(ConfigNode(value[i], fmt::format("{}[{}]", key_path(key), i), shared_, element_pointer));
  }
  return elements;
}

std::vector<ConfigNode> ConfigNode::elements() const {
  std::vector<ConfigNode> result;
  if (!node_.IsSequence()) return result;
  shared_->resolved[pointer_] = nlohmann::json::array();
  for (size_t i = 0; i < node_.size(); ++i) {
    const auto element_pointer = pointer_ / i;
    shared_->resolved[element_pointer] = nlohmann::json::object();
    result.push_back(ConfigNode(node_[i], fmt::format("{}[{}]", path_, i), shared_, element_pointer));
  }
  return result;
}

std::string ConfigNode::scalar() const { return node_.IsScalar() ? node_.Scalar() : std::string(); }

std::optional<std::string> ConfigNode::scalar_at(const std::string& key) const {
  const YAML::Node value = value_node(key);
  if (!value || !value.IsScalar()) return std::nullopt;
  return value.Scalar();
}

std::vector<std::string> ConfigNode::keys() const {
  std::vector<std::string> names;
  if (!node_.IsMap()) return names;
  for (const auto& pair : node_) names.push_back(pair.first.Scalar());
  return names;
}

nlohmann::json ConfigNode::as_written(const std::string& key) const { return yaml_to_json(value_node(key)); }

ConfigNode ConfigNode::with_path(std::string path) const {
  ConfigNode copy = *this;
  copy.path_ = std::move(path);
  return copy;
}

template <typename T>
T ConfigNode::convert_scalar(const std::string& key, const YAML::Node& value, const char* type_name) const {
  // A quoted scalar ('5') is a string in YAML; accepting it as a number would hide a typo.
  if (!value.IsScalar() || value.Tag() == "!") {
    const std::string shown = value.IsScalar() ? "the string '" + value.Scalar() + "'" : "a list or mapping";
    fail(key, fmt::format("must be {}, got {}", type_name, shown));
  }
  try {
    return value.as<T>();
  } catch (const YAML::BadConversion&) {
    fail(key, fmt::format("must be {}, got '{}'", type_name, value.Scalar()));
  }
}

int64_t ConfigNode::get_int(const std::string& key, std::optional<int64_t> fallback, Range range) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  int64_t result = 0;
  if (!value) {
    if (!fallback) fail(key, "missing required integer");
    result = *fallback;
  } else {
    result = convert_scalar<int64_t>(key, value, "an integer");
  }
  if (!range.contains(static_cast<double>(result))) {
    fail(key, fmt::format("{}, got {}", range.describe(), result));
  }
  record(key, result);
  return result;
}

double ConfigNode::get_double(const std::string& key, std::optional<double> fallback, Range range) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  double result = 0.0;
  if (!value) {
    if (!fallback) fail(key, "missing required number");
    result = *fallback;
  } else {
    result = convert_scalar<double>(key, value, "a number");
  }
  if (!std::isfinite(result)) fail(key, fmt::format("must be a finite number, got {}", result));
  if (!range.contains(result)) fail(key, fmt::format("{}, got {}", range.describe(), result));
  record(key, result);
  return result;
}

bool ConfigNode::get_bool(const std::string& key, std::optional<bool> fallback) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  bool result = false;
  if (!value) {
    if (!fallback) fail(key, "missing required true/false value");
    result = *fallback;
  } else {
    result = convert_scalar<bool>(key, value, "true or false");
  }
  record(key, result);
  return result;
}

std::string ConfigNode::get_string(const std::string& key, std::optional<std::string> fallback) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  std::string result;
  if (!value) {
    if (!fallback) fail(key, "missing required value");
    result = *fallback;
  } else {
    if (!value.IsScalar()) fail(key, "must be a single value, got a list or mapping");
    result = value.Scalar();
  }
  record(key, result);
  return result;
}

std::string ConfigNode::get_choice(const std::string& key, std::optional<std::string> fallback,
                                   const std::vector<std::string>& choices) const {
  const std::string result = get_string(key, std::move(fallback));
  for (const auto& choice : choices) {
    if (choice == result) return result;
  }
  fail(key, fmt::format("unknown value '{}'", result), suggest_names(result, choices));
}

std::vector<double> ConfigNode::get_double_list(const std::string& key, std::optional<std::vector<double>> fallback,
                                                Range range) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  std::vector<double> result;
  if (!value) {
    if (!fallback) fail(key, "missing required list of numbers");
    result = *fallback;
  } else if (value.IsSequence()) {
    for (const auto& element : value) result.push_back(convert_scalar<double>(key, element, "a list of numbers"));
  } else {
    result.push_back(convert_scalar<double>(key, value, "a number or a list of numbers"));
  }
  for (double element : result) {
    if (!std::isfinite(element) || !range.contains(element)) {
      fail(key, fmt::format("every value {}, got {}", range.describe(), element));
    }
  }
  record(key, result);
  return result;
}

std::vector<int64_t> ConfigNode::get_int_or_list(const std::string& key, std::optional<std::vector<int64_t>> fallback,
                                                 size_t count, Range range) const {
  mark_read(key);
  const YAML::Node value = value_node(key);
  std::vector<int64_t> result;
  if (!value) {
    if (!fallback) fail(key, "missing required integer");
    result = *fallback;
  } else if (value.IsSequence()) {
    if (value.size() != count) {
      fail(key, fmt::format("must be one integer or a list of {} integers, got a list of {}", count, value.size()));
    }
    for (const auto& element : value) result.push_back(convert_scalar<int64_t>(key, element, "an integer"));
  } else {
    result.assign(count, convert_scalar<int64_t>(key, value, "an integer or a list of integers"));
  }
  for (int64_t element : result) {
    if (!range.contains(static_cast<double>(element))) {
      fail(key, fmt::format("every value {}, got {}", range.describe(), element));
    }
  }
  record(key, result.size() == 1 ? nlohmann::json(result[0]) : nlohmann::json(result));
  return result;
}

void ConfigNode::check_unknown_keys() const {
  if (!node_.IsMap()) return;
  const auto& read = shared_->read_keys[path_];
  const std::vector<std::string> known(read.begin(), read.end());
  for (const auto& pair : node_) {
    const std::string key = pair.first.Scalar();
    if (read.count(key)) continue;
    throw ConfigError(location_of_node(shared_->file, pair.first), key_path(key), "unknown key",
                      suggest_names(key, known));
  }
}

}  // namespace runner::config
