// Retries of database work that failed because another connection held a lock.
//
// The busy timeout makes a statement wait for a lock. But where waiting could deadlock, SQLite returns
// SQLITE_BUSY at once: when two connections both hold a read lock and want to write, when a WAL
// snapshot is stale, or while another process switches a new file to WAL mode. So writes that several
// processes make at the same moment (opening a new file, claiming trials) repeat the whole unit of
// work a bounded number of times before the error reaches the user.
#pragma once

#include <chrono>
#include <utility>

#include "results/sqlite.h"
#include "results/store_error.h"

namespace runner::results {

// Attempts of one unit of work before the last SQLITE_BUSY or SQLITE_LOCKED error is thrown.
inline constexpr int kBusyAttempts = 12;

// Returns true for SQLITE_BUSY, SQLITE_LOCKED and their extended codes.
bool is_busy_error(const StoreError& error);

// Sleeps before attempt `attempt` (1 for the first retry): 10 ms doubling up to 200 ms, plus random
// jitter so that processes that collided do not collide again in step.
void wait_before_retry(int attempt);

// Runs `work` and runs it again while it throws a busy error, for at most kBusyAttempts attempts and
// no new attempt once the connection's busy timeout has passed since the first one began. So a lock
// that another program holds for longer than the busy timeout still fails after about that time,
// while the busy errors that SQLite returns without waiting are retried.
// `work` must be safe to repeat: a Transaction inside it rolls back on the throw, so it is.
template <typename Work>
decltype(auto) retry_while_busy(const Connection& connection, Work&& work) {
  const auto deadline = std::chrono::steady_clock::now() + connection.busy_timeout();
  for (int attempt = 1;; ++attempt) {
    try {
      return work();
    } catch (const StoreError& error) {
      if (!is_busy_error(error) || attempt >= kBusyAttempts || std::chrono::steady_clock::now() >= deadline) throw;
    }
    wait_before_retry(attempt);
  }
}

}  // namespace runner::results
