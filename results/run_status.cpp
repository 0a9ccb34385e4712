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

}  // namespace runner::results
