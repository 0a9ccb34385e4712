// `runner CONFIG`: validate the config, load the data, build the model, then train every epoch and
// record it in the results database.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "runner/errors.h"

namespace runner::train {

struct RunOptions {
  std::filesystem::path config_file;
  std::optional<std::string> database;  // overrides results.database
  bool quiet = false;                   // no progress bar or per-epoch lines
};

struct RunOutcome {
  ExitCode exit_code = ExitCode::kOk;
  int64_t run_id = 0;  // 0 when no run row was written
  std::string database;
};

// Runs one experiment; every error is reported on stderr and mapped to an exit code.
RunOutcome run_experiment(const RunOptions& options);

}  // namespace runner::train
