// A background thread that calls a function at a fixed interval until it is destroyed, e.g. to
// refresh a sweep trial's heartbeat while the run trains.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace runner::sweeprun {

class PeriodicTask {
 public:
  // Calls `task` every `interval`, first after one interval. An exception from `task` is passed to
  // `on_error` and the thread goes on.
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task,
               std::function<void(const std::exception&)> on_error);
  ~PeriodicTask();  // stops the thread and waits for a call in progress to return
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop();

  std::chrono::milliseconds interval_;
  std::function<void()> task_;
  std::function<void(const std::exception&)> on_error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace runner::sweeprun
