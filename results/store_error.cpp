#include "results/store_error.h"

#include <fmt/format.h>

namespace runner::results {

namespace {

std::string format_store_error(const std::filesystem::path& database, const std::string& step, const std::string& cause,
                               const std::string& hint) {
  std::string text = fmt::format("results database {}: {}: {}", database.string(), step, cause);
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

}  // namespace

StoreError::StoreError(const std::filesystem::path& database, const std::string& step, const std::string& cause,
                       const std::string& hint, int sqlite_code)
    : std::runtime_error(format_store_error(database, step, cause, hint)), sqlite_code_(sqlite_code) {}

}  // namespace runner::results
