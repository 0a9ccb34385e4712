// `runner resume RUN_ID`: continues an interrupted or failed run from its last checkpoint, in the same
// run row, with the config the run recorded.
#pragma once

#include <cstdint>

#include "runner/errors.h"
#include "runner/train/stored_run_replay.h"

namespace runner::train {

// Resumes run `run_id` until its configured number of epochs, and reports every error on stderr. An
// unknown run, a completed, diverged or still running run and a run without a checkpoint are usage
// errors. A missing or damaged checkpoint file is a data error and leaves the run row unchanged.
ExitCode resume_run(int64_t run_id, const ReplayOptions& replay);

}  // namespace runner::train
