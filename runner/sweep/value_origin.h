// The source of a value in a sweep: a key in the file's `sweep` section or a command-line override.
#pragma once

#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

#include "runner/errors.h"

namespace runner::sweep {

struct ValueOrigin {
  std::string label;        // for listings: "sweep.yaml:5 (sweep.grid)" or "command line (override 2)"
  std::string subject;      // for errors: "sweep.grid.model.width" or "command line override 2 'model.width=1,2'"
  SourceLocation location;  // of the key in the file; the file is empty for a command-line override
};

// A key of the file's sweep section. `section` is "sweep.grid", "sweep.points" or "sweep.random";
// `key_path` is the full key path, as in "sweep.grid.model.width".
ValueOrigin file_origin(const std::string& file, const YAML::Mark& mark, const std::string& section,
                        const std::string& key_path);

// The `number`-th (1-based) command-line override, with its text as typed.
ValueOrigin command_line_origin(size_t number, const std::string& text);

// Throws a ConfigError that starts with the origin: "sweep.yaml:5:5: sweep.grid.model.width: ..." or
// "command line override 2 'model.width=1,2': ...".
[[noreturn]] void fail_at(const ValueOrigin& origin, const std::string& message, const std::string& hint = "");

}  // namespace runner::sweep
