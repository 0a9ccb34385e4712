// One way for every command to report the exception that stopped it: a prefix naming the kind of
// mistake, the message, and the exit code of that kind.
#pragma once

#include <string>

#include "runner/errors.h"

namespace runner {

struct ReportedError {
  ExitCode exit_code = ExitCode::kRunFailed;
  std::string message;  // the exception's text, without the prefix
};

// Prints the exception being handled to stderr ("config error: ...", "data error: ...",
// "error: ...") and returns its exit code and text. Call it only inside a catch block: it rethrows
// the current exception to learn its type.
ReportedError report_current_error();

}  // namespace runner
