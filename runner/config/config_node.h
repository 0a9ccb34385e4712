// A validating reader over one YAML config tree.
//
// Every getter checks the type and range of one key and reports a mistake with the file, line,
// column and key path (`config.yaml:14:5: optimizer.lr: ...`). Every value read, defaults
// included, is recorded into a JSON tree: that tree is the fully resolved config that a run
// stores, and because JSON is YAML it can be parsed again by this same reader to repeat the run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "runner/errors.h"

namespace runner::config {

// An allowed interval for a number; unset bounds are open-ended.
struct Range {
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
  bool max_exclusive = false;

  static Range any() { return {}; }
  static Range at_least(double low) { return {low, std::nullopt, false, false}; }
  static Range positive() { return {0.0, std::nullopt, true, false}; }
  static Range between(double low, double high) { return {low, high, false, false}; }

  bool contains(double value) const;
  std::string describe() const;  // "must be > 0", "must be in [0, 1]"
};

class ConfigNode {
 public:
  // An empty mapping with no file: a placeholder until a parsed tree is assigned.
  ConfigNode();

  // Parses YAML; a syntax error or a key given twice in one mapping is a ConfigError.
  static ConfigNode parse_file(const std::filesystem::path& file);
  static ConfigNode parse_string(const std::string& text, const std::string& source_name);

  const std::string& path() const { return path_; }
  SourceLocation location() const;
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  bool has(const std::string& key) const;

  // A required mapping under `key`; a missing key is an error.
  ConfigNode child(const std::string& key) const;
  // A mapping under `key`, or an empty one when the key is absent (all its values then take defaults).
  ConfigNode child_or_empty(const std::string& key) const;
  // The elements of the sequence under `key` (required), each with its path `key[i]`.
  std::vector<ConfigNode> sequence(const std::string& key) const;
  // The elements of this node when it is itself a list, as in a list of lists. Each has the path
  // `path[i]`. Empty for a mapping or scalar.
  std::vector<ConfigNode> elements() const;

  int64_t get_int(const std::string& key, std::optional<int64_t> fallback, Range range = {}) const;
  double get_double(const std::string& key, std::optional<double> fallback, Range range = {}) const;
  bool get_bool(const std::string& key, std::optional<bool> fallback) const;
  std::string get_string(const std::string& key, std::optional<std::string> fallback) const;
  // A string that must be one of `choices`; otherwise the error lists them and suggests the closest.
  std::string get_choice(const std::string& key, std::optional<std::string> fallback,
                         const std::vector<std::string>& choices) const;
  std::vector<double> get_double_list(const std::string& key, std::optional<std::vector<double>> fallback,
                                      Range range = {}) const;
  // Either one integer or a list of `count` integers (a kernel size `3` or `[3, 5]`); one value is repeated.
  std::vector<int64_t> get_int_or_list(const std::string& key, std::optional<std::vector<int64_t>> fallback,
                                       size_t count, Range range = {}) const;

  // The node's own scalar text (for shorthand forms such as a layer written as just `relu`).
  std::string scalar() const;
  // The scalar text under `key` without reading it, or std::nullopt when the key is absent, null, a
  // list or a mapping. A key that takes either a value or a list uses it to choose the getter.
  std::optional<std::string> scalar_at(const std::string& key) const;
  // The keys of this mapping in file order, read or not; empty for a list or scalar.
  std::vector<std::string> keys() const;
  // The same node, with `path` in place of its key path in errors and in the unknown-key check. A
  // part of the tree read more than once (a model block at each place it is used) names each use.
  ConfigNode with_path(std::string path) const;
  // The value under `key` as written, as JSON, without reading or recording it: plain scalars become
  // integers, numbers, true/false or null where YAML reads them so, and quoted ones stay strings.
  // null when the key is absent. For recording a part of the tree that is never built.
  nlohmann::json as_written(const std::string& key) const;
  // Records `value` under `key` in the resolved config without reading it from the YAML.
  void record(const std::string& key, const nlohmann::json& value) const;

  // Throws a ConfigError located at `key` (or at this node when the key is absent or empty).
  [[noreturn]] void fail(const std::string& key, const std::string& message, const std::string& hint = "") const;

  // Rejects the first key of this mapping that no getter has read, suggesting the closest known key.
  // Call it after reading every key of a section.
  void check_unknown_keys() const;

  // The resolved values read so far under this node.
  const nlohmann::json& resolved() const;
  const std::string& file() const;

 private:
  struct Shared;
  ConfigNode(YAML::Node node, std::string path, std::shared_ptr<Shared> shared, nlohmann::json::json_pointer pointer);

  static ConfigNode from_root(YAML::Node root, const std::string& source_name);
  std::string key_path(const std::string& key) const;
  YAML::Node value_node(const std::string& key) const;  // null node when absent or `~`
  void mark_read(const std::string& key) const;
  SourceLocation location_of(const std::string& key) const;
  template <typename T>
  T convert_scalar(const std::string& key, const YAML::Node& value, const char* type_name) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<Shared> shared_;
  nlohmann::json::json_pointer pointer_;
};

}  // namespace runner::config
