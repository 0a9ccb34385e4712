// One point of an experiment, image or text: `runner CONFIG`, every sweep trial and `runner rerun`
// go through here, so a config with a `task` or `stages` section trains on text wherever it runs.
#pragma once

#include "runner/train/experiment_runner.h"

namespace runner::sweeprun {

train::RunOutcome run_point(const train::RunOptions& options);

}  // namespace runner::sweeprun
