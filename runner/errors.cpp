#include "runner/errors.h"

#include <fmt/format.h>

namespace runner {

std::string SourceLocation::to_string() const {
  if (line <= 0) return file;
  return fmt::format("{}:{}:{}", file, line, column);
}

namespace {

std::string format_config_error(const SourceLocation& where, const std::string& key_path,
                                const std::string& message, const std::string& hint) {
  std::string text;
  if (!where.file.empty()) text += where.to_string() + ": ";
  if (!key_path.empty()) text += key_path + ": ";
  text += message;
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

}  // namespace

ConfigError::ConfigError(const SourceLocation& where, const std::string& key_path,
                         const std::string& message, const std::string& hint)
    : std::runtime_error(format_config_error(where, key_path, message, hint)) {}

}  // namespace runner
