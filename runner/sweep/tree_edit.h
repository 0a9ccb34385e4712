// Set, add and remove one key of a YAML config tree, with errors that name the closest existing path.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "runner/sweep/config_path.h"
#include "runner/sweep/override.h"
#include "runner/sweep/value_origin.h"

namespace runner::sweep {

// The node an edit changed.
struct EditedPath {
  std::string text;                  // with list indexes in brackets: model.layers[2].out_channels
  std::vector<std::string> pointer;  // JSON pointer tokens of the same node: model, layers, 2, out_channels
};

// Applies one edit to `root` in place. `value` is ignored for kRemove. Errors are ConfigErrors
// located at `origin`:
//   kSet     The path must exist, or the error names the closest existing path.
//   kAdd     The path must not exist. Missing parent mappings are created, and a list grows only
//            at its end (`+a.items[3]` on a list of 3).
//   kRemove  The path must exist. Removing a list element shifts the later ones down.
// `config_name` names the tree in errors ("configs/sweep.yaml").
// NOTE: yaml-cpp shares the node of an anchor with its aliases, so editing `a.x` when `b: *a` also
// changes b.x, and the emitted YAML writes both out in full.
EditedPath apply_edit(YAML::Node root, EditKind kind, const ConfigPath& path, const YAML::Node& value,
                      const ValueOrigin& origin, const std::string& config_name);

}  // namespace runner::sweep
