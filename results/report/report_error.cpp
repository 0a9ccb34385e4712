#include "results/report/report_error.h"

namespace runner::results::report {

namespace {

std::string format_report_error(const std::string& message, const std::string& hint) {
  if (hint.empty()) return message;
  return message + "\n  hint: " + hint;
}

}  // namespace

ReportError::ReportError(const std::string& message, const std::string& hint)
    : std::runtime_error(format_report_error(message, hint)) {}

}  // namespace runner::results::report
