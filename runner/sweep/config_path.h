// Key paths into a YAML config tree: `optimizer.lr`, `model.layers[2].out_channels` or
// `model.layers.2.out_channels`.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace runner::sweep {

// One step of a key path: a mapping key, or a list index.
struct PathSegment {
  std::string key;         // the key, or the decimal digits of an index
  bool bracketed = false;  // written `[i]`, so it must index a list (`.2` may be a key or an index)
};

struct ConfigPath {
  std::vector<PathSegment> segments;
  std::string text;  // as written

  // True when both name the same node: a bracketed index and a `.i` segment with the same digits match.
  bool same_as(const ConfigPath& other) const;
  // The path with every all-digit segment written as an index: `layers.2.type` -> `layers[2].type`.
  std::string canonical_text() const;
};

// A key path that cannot be parsed; what() is the reason, without the surrounding override or file.
class PathSyntaxError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Parses `a.b[2].c`. Keys may contain any character except `.`, `[`, `]`, `=`, `,` and white space.
// Throws PathSyntaxError for an empty path, an empty segment (`a..b`) or a malformed index (`a[x]`).
ConfigPath parse_config_path(const std::string& text);

// The path of every node in `root` (mappings, lists and values) in document order, with list
// indexes in brackets: `model`, `model.layers`, `model.layers[0]`, `model.layers[0].type`, ...
std::vector<std::string> list_paths(const YAML::Node& root);

// The path among `candidates` that `requested` most plausibly meant, or nothing when none is close.
// Besides a small edit distance, a path counts as close when its last key is the initials of the
// requested last key or the reverse (`learning_rate` and `lr`), or when it ends with the whole requested
// path (`lr` and `optimizer.lr`).
std::optional<std::string> closest_path(const std::string& requested, const std::vector<std::string>& candidates);

}  // namespace runner::sweep
