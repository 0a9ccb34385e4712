// A run made ready to train: config validated, data loaded, environment set, model built. Nothing is
// written to the results database while preparing, so a config or data error leaves it untouched.
#pragma once

#include <cstdint>
#include <string>

#include "registry/model_builder.h"
#include "results/records.h"
#include "runner/config/experiment_config.h"
#include "runner/train/environment.h"
#include "runner/train/experiment_runner.h"
#include "runner/train/image_tensors.h"

namespace runner::train {

struct PreparedRun {
  config::ExperimentConfig config;
  ComputeEnvironment environment;
  registry::BuiltModel model;
  ImageTensors train;
  ImageTensors test;
  ChannelStatistics statistics;
  int64_t labels_changed = 0;
  std::string dataset_description;
  std::string determinism_note;  // a start-up line when deterministic mode changed the environment
};

// Reads the config (text or file), applies the options' overrides, loads the data and builds the
// model with the run's init stream. Throws ConfigError or DataError.
PreparedRun prepare_run(const RunOptions& options);

// The runs row for a new run.
results::RunRecord make_run_record(const PreparedRun& run);

// Prints what will run: versions, device, data, model and optimizer, one line each.
void print_start(const PreparedRun& run);

}  // namespace runner::train
