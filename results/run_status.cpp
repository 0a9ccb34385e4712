#include "results/run_status.h"

#include <cassert>

namespace runner::results {

std::string to_string(RunStatus status) {
  // These names must match the CHECK constraint on runs.status in results/schema.sql.
  switch (status) {
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kCompleted:
      return "completed";
    case RunStatus::kFailed:
      return "failed";
    case RunStatus::kInterrupted:
      return "interrupted";
    case RunStatus::kDiverged:
      return "diverged";
  }
  assert(false && "unhandled RunStatus");
  return "unknown";
}

std::optional<RunStatus> parse_run_status(const std::string& name) {
  for (RunStatus status : {RunStatus::kRunning, RunStatus::kCompleted, RunStatus::kFailed, RunStatus::kInterrupted,
                           RunStatus::kDiverged}) {
    if (to_string(status) == name) return status;
  }
  return std::nullopt;
}

}  // namespace runner::results
