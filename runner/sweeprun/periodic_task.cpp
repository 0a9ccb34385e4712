#include "runner/sweeprun/periodic_task.h"

#include <exception>

namespace runner::sweeprun {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task,
                           std::function<void(const std::exception&)> on_error)
    : interval_(interval), task_(std::move(task)), on_error_(std::move(on_error)), thread_([this] { loop(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      task_();
    } catch (const std::exception& error) {
      on_error_(error);
    }
    lock.lock();
  }
}

}  // namespace runner::sweeprun
