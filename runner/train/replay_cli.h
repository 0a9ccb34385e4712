// The `resume` and `rerun` subcommands: their command-line options and their dispatch.
#pragma once

#include <cstdint>
#include <string>

#include "runner/train/rerun_command.h"

namespace CLI {
class App;
}

namespace runner::train {

// The parsed command line of `runner resume` or `runner rerun`.
struct ReplayRequest {
  int64_t run_id = 0;
  std::string database = "results/runs.db";
  std::string device;   // "" = the stored run's device
  int64_t threads = 0;  // 0 = the stored run's thread count
  bool quiet = false;
  double tolerance = kDefaultRerunTolerance;  // rerun only
};

CLI::App* add_resume_command(CLI::App& app, ReplayRequest& request);
CLI::App* add_rerun_command(CLI::App& app, ReplayRequest& request);

// Run the parsed command and return the process exit code.
int run_resume_command(const ReplayRequest& request);
int run_rerun_command(const ReplayRequest& request);

}  // namespace runner::train
