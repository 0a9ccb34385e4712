// The parts shared by `runner resume` and `runner rerun`: finding a stored run and turning it back into
// the options of run_experiment, from the resolved config the run recorded rather than the file on disk.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "results/run_lookup.h"
#include "runner/errors.h"
#include "runner/train/experiment_runner.h"

namespace runner::train {

// Command-line options of `runner resume` and `runner rerun`.
struct ReplayOptions {
  std::string database = "results/runs.db";
  std::optional<std::string> device;  // default: the device the stored run used
  std::optional<int64_t> threads;     // default: the thread count the stored run used
  bool quiet = false;
};

// A stored run that cannot be replayed as requested. The message gives the reason and what to do instead.
class ReplayError : public std::runtime_error {
 public:
  ReplayError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Reads run `run_id` from the database. Throws ReplayError when the file or the run does not exist, or
// when the run is not an image classification run.
results::StoredRun find_stored_run(const ReplayOptions& replay, int64_t run_id);

// Options that train `run`'s stored config again on the same device and thread count, unless `replay`
// overrides them, and record into replay.database.
RunOptions options_for_stored_run(const results::StoredRun& run, const ReplayOptions& replay);

}  // namespace runner::train
