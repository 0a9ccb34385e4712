// The life cycle of a run, as stored in runs.status.
#pragma once

#include <optional>
#include <string>

namespace runner::results {

// A run starts as kRunning and the store moves it to exactly one of the final states.
enum class RunStatus {
  kRunning,
  kCompleted,    // training ended normally
  kFailed,       // an exception ended training, and runs.error contains its message
  kInterrupted,  // SIGINT or SIGTERM stopped the run
  kDiverged,     // training stopped because the loss diverged, for example to NaN
};

// Returns the name stored in runs.status: "running", "completed", "failed", "interrupted" or "diverged".
std::string to_string(RunStatus status);

// Returns the status for a name that to_string returns, or nullopt for any other text.
std::optional<RunStatus> parse_run_status(const std::string& name);

}  // namespace runner::results
