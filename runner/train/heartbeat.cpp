#include "runner/train/heartbeat.h"

#include <exception>

#include <fmt/format.h>

#include "results/run_lookup.h"
#include "results/store.h"

namespace runner::train {

Heartbeat::Heartbeat(std::filesystem::path database, int64_t run_id, std::chrono::milliseconds interval)
    : database_(std::move(database)), run_id_(run_id), interval_(interval), thread_([this] { beat_until_stopped(); }) {}

Heartbeat::~Heartbeat() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Heartbeat::beat_until_stopped() {
  // A failed beat must never stop training: the first failure is reported, later ones are not, and the
  // thread keeps trying because a locked or briefly unavailable file often recovers.
  bool reported = false;
  std::unique_ptr<results::ResultsStore> store;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    try {
      if (!store) store = std::make_unique<results::ResultsStore>(database_);
      results::heartbeat_run(*store, run_id_);
    } catch (const std::exception& error) {
      store.reset();
      if (!reported) {
        fmt::print(stderr, "warning: heartbeat of run {} failed, training goes on: {}\n", run_id_, error.what());
        reported = true;
      }
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace runner::train
