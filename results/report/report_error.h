// The error type of `runner report` for requests that the database cannot satisfy.
#pragma once

#include <stdexcept>
#include <string>

namespace runner::results::report {

// A database file, run, sweep, metric or parameter that the request names but that does not exist, or
// an option combination that makes no report. The message names the value, and a "hint:" line lists the
// valid choices or says what to do. `runner report` exits with code 2 (invalid command line) for it.
class ReportError : public std::runtime_error {
 public:
  explicit ReportError(const std::string& message, const std::string& hint = "");
};

}  // namespace runner::results::report
