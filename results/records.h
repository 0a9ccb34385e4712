// The rows that the results store writes and reads, as plain structs.
#pragma once

#include <cstdint>
#include <string>

namespace runner::results {

// Run metadata written when the run starts: one row of the runs table.
// docs/results.md describes each column.
struct RunRecord {
  std::string experiment;
  std::string config_file;
  std::string config_json;  // the fully resolved config, defaults included, as JSON
  int64_t seed = 0;
  std::string device;       // the requested device, e.g. "cpu" or "cuda:0"
  std::string device_name;  // the hardware, e.g. the GPU model
  std::string host;
  std::string torch_version;
  std::string runner_version;
  std::string git_commit;
  std::string blas;
  int threads = 0;
  int64_t parameter_count = 0;
  int64_t labels_changed = 0;  // training labels altered on purpose, e.g. by label noise
};

// One value of one metric at the end of one epoch: one row of the metrics table.
struct MetricRow {
  int64_t run_id = 0;
  int64_t epoch = 0;
  std::string name;
  double value = 0.0;  // may be NaN or infinite
};

}  // namespace runner::results
