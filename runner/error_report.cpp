#include "runner/error_report.h"

#include <fmt/format.h>

#include <exception>

namespace runner {

namespace {

ReportedError print_error(const char* prefix, const std::exception& error, ExitCode exit_code) {
  fmt::print(stderr, "{}: {}\n", prefix, error.what());
  return {exit_code, error.what()};
}

}  // namespace

ReportedError report_current_error() {
  try {
    throw;
  } catch (const ConfigError& error) {
    return print_error("config error", error, ExitCode::kConfig);
  } catch (const DataError& error) {
    return print_error("data error", error, ExitCode::kData);
  } catch (const std::exception& error) {
    return print_error("error", error, ExitCode::kRunFailed);
  }
}

}  // namespace runner
