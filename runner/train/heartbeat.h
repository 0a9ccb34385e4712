// A background thread that marks a run as alive in the results database while it trains. A run left
// `running` by a killed process stops sending these, so mark_stale_runs_interrupted can find it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>

namespace runner::train {

inline constexpr std::chrono::seconds kHeartbeatInterval{5};
// A run whose last heartbeat is older than this is taken to be dead: twelve missed beats.
inline constexpr std::chrono::seconds kStaleRunAge{60};

class Heartbeat {
 public:
  // Starts beating at once and then every `interval`, on its own connection to `database`, because a
  // ResultsStore must not be shared between threads.
  Heartbeat(std::filesystem::path database, int64_t run_id, std::chrono::milliseconds interval = kHeartbeatInterval);
  // Stops the thread and waits for it; a beat in progress finishes first.
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

 private:
  void beat_until_stopped();

  std::filesystem::path database_;
  int64_t run_id_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last, so it starts after every other member is ready
};

}  // namespace runner::train
