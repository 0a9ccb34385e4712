// `runner CONFIG [OVERRIDE...]`: expands the config's sweep (one point when it has none), and trains
// every point, in parallel worker processes with --jobs, resumable from the database.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace runner::sweeprun {

struct TrainCommandOptions {
  std::filesystem::path config_file;
  std::vector<std::string> overrides;   // a.b=v, +a.b=v, ~a.b, a.b=v1,v2
  std::optional<std::string> database;  // overrides results.database
  bool quiet = false;
  bool dry_run = false;
  int jobs = 1;
  std::vector<std::string> devices;  // assigned to workers round-robin
  int shard_index = 0;               // --shard I/N, I 1-based on the command line, 0-based here
  int shard_count = 1;
  bool fail_fast = false;
  bool force = false;      // re-run completed trials too
  bool new_sweep = false;  // start a new sweep even though the definition changed
  std::chrono::seconds stale_after{30};
};

// Returns the process exit code.
int run_train_command(const TrainCommandOptions& options);

// The hidden `sweep-worker` verb that --jobs starts. Returns the process exit code.
struct WorkerCommandOptions {
  std::string database;
  int64_t sweep_id = 0;
  int worker_index = 0;
  int shard_index = 0;
  int shard_count = 1;
  std::string device;  // empty: the config's device
  int64_t threads = 0;
  bool fail_fast = false;
  bool quiet = false;
  int64_t stale_after_seconds = 30;
};
int run_worker_command(const WorkerCommandOptions& options);

// Parses "I/N" (1 <= I <= N) into a 0-based index and a count; throws std::invalid_argument.
std::pair<int, int> parse_shard(const std::string& text);

}  // namespace runner::sweeprun
