// Worker processes for a parallel sweep. Each worker is this same binary started with the hidden
// `sweep-worker` verb; it claims trials from the database until none is left.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace runner::sweeprun {

struct WorkerCommand {
  std::string name;                                          // e.g. "worker 2/4", for messages
  std::vector<std::string> arguments;                        // after the program name
  std::vector<std::pair<std::string, std::string>> environment;  // added to or replacing the parent's
};

struct WorkerExit {
  std::string name;
  int exit_code = 0;  // 128 + N when killed by signal N
};

// Starts every worker, waits for all of them, and returns their exit codes in the order given.
// Workers run in their own process group, so a Ctrl-C at the terminal reaches only this process.
// It then sends each worker exactly one SIGTERM, because a worker's first signal lets it mark its
// run interrupted and a second one makes it exit at once.
std::vector<WorkerExit> run_workers(const std::vector<WorkerCommand>& workers);

// The path of the running executable, for starting workers.
std::string current_executable();

}  // namespace runner::sweeprun
