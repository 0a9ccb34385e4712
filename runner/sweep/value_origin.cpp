#include "runner/sweep/value_origin.h"

#include <filesystem>

#include <fmt/format.h>

namespace runner::sweep {

ValueOrigin file_origin(const std::string& file, const YAML::Mark& mark, const std::string& section,
                        const std::string& key_path) {
  ValueOrigin origin;
  origin.location = SourceLocation{file, mark.line + 1, mark.column + 1};
  // The listing names the file without its folder: the dry-run header already gives the full path.
  const std::string file_name = std::filesystem::path(file).filename().string();
  origin.label = fmt::format("{}:{} ({})", file_name, mark.line + 1, section);
  origin.subject = key_path;
  return origin;
}

ValueOrigin command_line_origin(size_t number, const std::string& text) {
  ValueOrigin origin;
  origin.label = fmt::format("command line (override {})", number);
  origin.subject = fmt::format("command line override {} '{}'", number, text);
  return origin;
}

void fail_at(const ValueOrigin& origin, const std::string& message, const std::string& hint) {
  throw ConfigError(origin.location, origin.subject, message, hint);
}

}  // namespace runner::sweep
