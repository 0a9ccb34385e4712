#include "runner/sweep/config_path.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "runner/suggest.h"

namespace runner::sweep {

namespace {

bool is_key_character(char c) {
  return c != '.' && c != '[' && c != ']' && c != '=' && c != ',' && !std::isspace(static_cast<unsigned char>(c));
}

bool is_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Reads `[digits]` starting at text[position] == '[' and returns the position after `]`.
size_t read_index(const std::string& text, size_t position, std::vector<PathSegment>& segments) {
  const size_t close = text.find(']', position);
  const std::string digits = close == std::string::npos ? "" : text.substr(position + 1, close - position - 1);
  if (!is_digits(digits)) {
    throw PathSyntaxError(fmt::format("invalid list index at character {} of '{}' (write [0], [1], ...)", position + 1, text));
  }
  segments.push_back({digits, true});
  return close + 1;
}

void collect_paths(const YAML::Node& node, const std::string& prefix, std::vector<std::string>& paths) {
  if (node.IsMap()) {
    for (const auto& pair : node) {
      const std::string path = prefix.empty() ? pair.first.Scalar() : prefix + "." + pair.first.Scalar();
      paths.push_back(path);
      collect_paths(pair.second, path, paths);
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string path = fmt::format("{}[{}]", prefix, i);
      paths.push_back(path);
      collect_paths(node[i], path, paths);
    }
  }
}

std::string last_key(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string parent_of(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

// True when `short_key` is the first letters of the `_`-separated words of `long_key` (lr, learning_rate).
bool is_initialism(const std::string& short_key, const std::string& long_key) {
  std::string initials;
  bool word_start = true;
  for (char c : long_key) {
    if (c == '_' || c == '-') {
      word_start = true;
      continue;
    }
    if (word_start) initials += c;
    word_start = false;
  }
  return initials.size() >= 2 && initials == short_key;
}

// Edit distance, lowered to 1 for the two kinds of near miss that edit distance ranks badly.
size_t path_distance(const std::string& requested, const std::string& candidate) {
  const size_t distance = edit_distance(requested, candidate);
  const bool same_parent = parent_of(requested) == parent_of(candidate);
  const std::string requested_key = last_key(requested);
  const std::string candidate_key = last_key(candidate);
  if (same_parent && (is_initialism(requested_key, candidate_key) || is_initialism(candidate_key, requested_key))) {
    return std::min<size_t>(distance, 1);
  }
  const std::string suffix = "." + requested;
  if (candidate.size() > suffix.size() && candidate.compare(candidate.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return std::min<size_t>(distance, 1);
  }
  return distance;
}

}  // namespace

bool ConfigPath::same_as(const ConfigPath& other) const {
  if (segments.size() != other.segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].key != other.segments[i].key) return false;
  }
  return true;
}

std::string ConfigPath::canonical_text() const {
  std::string result;
  for (const auto& segment : segments) {
    if (segment.bracketed || is_digits(segment.key)) {
      result += "[" + segment.key + "]";
    } else {
      result += result.empty() ? segment.key : "." + segment.key;
    }
  }
  return result;
}

ConfigPath parse_config_path(const std::string& text) {
  if (text.empty()) throw PathSyntaxError("missing key path");

  ConfigPath path;
  path.text = text;
  size_t position = 0;
  while (position < text.size()) {
    // A key, then any number of [i] indexes, then a '.' or the end.
    size_t end = position;
    while (end < text.size() && is_key_character(text[end])) ++end;
    if (end == position && text[position] != '[') {
      throw PathSyntaxError(fmt::format("empty key at character {} of '{}' (separate keys with one '.')",
                                        position + 1, text));
    }
    if (end == position && !path.segments.empty()) {
      throw PathSyntaxError(fmt::format("'.' before '[' at character {} of '{}' (write a[0], not a.[0])", position + 1, text));
    }
    if (end > position) path.segments.push_back({text.substr(position, end - position), false});

    position = end;
    while (position < text.size() && text[position] == '[') position = read_index(text, position, path.segments);
    if (position == text.size()) break;
    if (text[position] != '.') {
      throw PathSyntaxError(fmt::format("invalid character '{}' at character {} of '{}'", text[position], position + 1, text));
    }
    ++position;
    if (position == text.size()) throw PathSyntaxError(fmt::format("path '{}' ends with '.'", text));
  }
  return path;
}

std::vector<std::string> list_paths(const YAML::Node& root) {
  std::vector<std::string> paths;
  collect_paths(root, "", paths);
  return paths;
}

std::optional<std::string> closest_path(const std::string& requested, const std::vector<std::string>& candidates) {
  // The same tolerance as closest_match for names: a plausible typo, not any path at all.
  const size_t limit = std::max<size_t>(2, requested.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const size_t distance = path_distance(requested, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace runner::sweep
