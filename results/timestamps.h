// SQL expressions for the timestamps that the results database stores.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace runner::results {

// UTC, ISO 8601 with milliseconds, e.g. 2024-05-01T12:34:56.789Z: the format of the column defaults
// in results/schema.sql, so that timestamps sort and compare as text.
inline constexpr const char* kUtcNowSql = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// Returns SQL for a moment before now in the same format, where `parameter` is the SQL parameter
// ("?" or "?5") to which the caller binds the modifier that seconds_ago_modifier returns.
inline std::string utc_before_now_sql(const std::string& parameter) {
  return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', " + parameter + ")";
}

// Returns the strftime modifier for `age` before now, e.g. "-30 seconds". A negative age is after now.
inline std::string seconds_ago_modifier(std::chrono::seconds age) {
  const int64_t offset = -static_cast<int64_t>(age.count());
  return (offset < 0 ? "" : "+") + std::to_string(offset) + " seconds";
}

}  // namespace runner::results
