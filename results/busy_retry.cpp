#include "results/busy_retry.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <thread>

namespace runner::results {

namespace {

constexpr std::chrono::milliseconds kFirstDelay{10};
constexpr std::chrono::milliseconds kMaxDelay{200};

}  // namespace

bool is_busy_error(const StoreError& error) {
  const int primary = error.sqlite_code() & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

void wait_before_retry(int attempt) {
  // Seeded on every call, because processes forked from one parent must not share a jitter sequence.
  std::minstd_rand generator(static_cast<unsigned>(::getpid()) ^ std::random_device{}());

  const int doublings = std::min(attempt - 1, 10);
  const std::chrono::milliseconds delay = std::min(kMaxDelay, kFirstDelay * (1 << doublings));
  std::uniform_int_distribution<int64_t> jitter(0, delay.count());
  std::this_thread::sleep_for(delay + std::chrono::milliseconds(jitter(generator)));
}

}  // namespace runner::results
