// `runner rerun RUN_ID`: trains a stored run's resolved config again as a new run, then compares the
// two runs epoch by epoch and prints whether the result reproduced.
#pragma once

#include <cstdint>

#include "runner/errors.h"
#include "runner/train/stored_run_replay.h"

namespace runner::train {

inline constexpr double kDefaultRerunTolerance = 1e-6;

// Reruns run `run_id` as a new run linked to it (rerun_of), prints the comparison table, the verdict and
// how the two runs' software and hardware differ. Returns kOk when the metrics are identical or within
// `tolerance` (relative), kRunFailed when they differ, and the rerun's own code when it did not finish.
ExitCode rerun_run(int64_t run_id, const ReplayOptions& replay, double tolerance = kDefaultRerunTolerance);

}  // namespace runner::train
