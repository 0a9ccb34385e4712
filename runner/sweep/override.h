// Config overrides, one grammar for the command line and for keys of the `sweep` section:
//
//   a.b=v           set an existing key (an error names the closest existing path)
//   +a.b=v          add a key that does not exist yet; missing parent mappings are created
//   ~a.b            remove a key, so that its default applies
//   a.b=v1,v2,v3    sweep: one point per value
//
// Paths index lists with `[i]` or `.i` (`model.layers[2].out_channels`). Values are YAML, so they keep
// their type and exact text: `1e-7` is a number, `"3"` a string, `[1, 2]` a list. Commas inside
// brackets, braces or quotes do not split a sweep, so `a.b=[1,2]` sets a list and `a.b=[1,2],[3,4]`
// sweeps over two lists.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "runner/errors.h"
#include "runner/sweep/config_path.h"
#include "runner/sweep/value_origin.h"

namespace runner::sweep {

enum class EditKind { kSet, kAdd, kRemove };

// A key path with its `+` (add) or `~` (remove) prefix read off.
struct EditTarget {
  EditKind kind = EditKind::kSet;
  ConfigPath path;
};

struct Override {
  std::string text;  // as typed
  EditKind kind = EditKind::kSet;
  ConfigPath path;
  std::vector<YAML::Node> values;  // one to set or add, several to sweep, none to remove
  ValueOrigin origin;

  bool is_sweep() const { return values.size() > 1; }
};

// A malformed override on the command line. It is a ConfigError, so a caller may map it to the usage
// exit code by catching it first.
class OverrideSyntaxError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

// Reads the optional `+` or `~` and the path. Throws PathSyntaxError.
EditTarget parse_edit_target(const std::string& text);

// Parses the `number`-th (1-based) command-line override. Throws OverrideSyntaxError with the text and
// the expected forms for `=v`, `a..b=1`, `a.b` (no value), `~a.b=3` and values YAML cannot read.
Override parse_override(const std::string& text, size_t number);

// Splits `v1,v2,[3,4]` at the commas outside brackets, braces and quotes.
std::vector<std::string> split_sweep_values(const std::string& text);

// Parses one value as a YAML node. Throws std::invalid_argument with the reason for empty text, a
// YAML syntax error, or text that YAML reads as nothing (a lone comment such as `#x`).
YAML::Node parse_value(const std::string& text);

}  // namespace runner::sweep
