// Text helpers for the HTML report: escaping and number formatting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace runner::results::report {

// Escapes & < > " and ' so that the text is safe both as element content and inside a quoted attribute
// value. Every string that comes from the database goes through this function.
std::string escape_html(std::string_view text);

// Formats a metric value with 4 significant digits, e.g. 0.8912 or 2.303. Non-finite values are
// written as the database stores them: NaN, Infinity, -Infinity.
std::string format_metric(double value);

// Formats a duration in seconds as "42.1 s", "12 min 5 s" or "3 h 7 min".
std::string format_duration(double seconds);

// The current time, UTC, ISO 8601 with seconds: 2024-05-01T12:34:56Z.
std::string utc_now();

}  // namespace runner::results::report
