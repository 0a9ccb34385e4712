// One sweep worker: claims trials of one sweep from the database and trains them one after another
// until none is left, the user interrupts, or (with fail_fast) a trial fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace runner::sweeprun {

struct WorkerOptions {
  std::string database;
  int64_t sweep_id = 0;
  std::string worker_name;  // stored with each claimed trial, e.g. "host:pid"
  int shard_index = 0;      // this worker takes the trials whose point_index % shard_count == shard_index
  int shard_count = 1;
  std::optional<std::string> device;  // a GPU assigned to this worker, or the config's device
  std::optional<int64_t> threads;     // this worker's share of the CPU threads, or the config's threads
  bool fail_fast = false;
  bool quiet = false;
  // A running trial whose heartbeat is older than this belongs to a dead worker and is claimed again.
  std::chrono::seconds stale_after{30};
};

struct WorkerResult {
  int completed = 0;
  int failed = 0;  // failed or diverged
  bool interrupted = false;
};

WorkerResult run_worker(const WorkerOptions& options);

// Heartbeats are refreshed this often; stale_after should be several intervals.
inline constexpr std::chrono::seconds kHeartbeatInterval{5};

}  // namespace runner::sweeprun
