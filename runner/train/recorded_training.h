// The training loop of one run together with its record in the results database: start or reopen the
// run row, train each epoch, record its metrics and a checkpoint, send heartbeats, record the outcome.
#pragma once

#include "runner/errors.h"
#include "runner/train/experiment_runner.h"
#include "runner/train/prepared_run.h"

namespace runner::train {

// Trains `run` and records it. A new run gets a fresh row; with options.resume_run set, that run's
// checkpoint is loaded and the run continues in its own row. Fills outcome.run_id and outcome.database.
// An error before the run row exists or is reopened propagates as an exception (CheckpointError,
// StoreError). An error after that is recorded in the row and returned as an exit code.
ExitCode train_and_record(PreparedRun& run, const RunOptions& options, RunOutcome& outcome);

}  // namespace runner::train
