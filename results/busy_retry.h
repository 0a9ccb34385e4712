// Retries of database work that failed because another connection held a lock.
//
// The busy timeout makes a statement wait for a lock, but SQLite returns SQLITE_BUSY at once, without
// waiting, where waiting could deadlock: when two connections both hold a read lock and want to write,
// when a WAL snapshot is stale, or while another process switches a new file to WAL mode. Writes that
// several processes make at the same moment (opening a new file, claiming trials) therefore repeat
// the whole unit of work a bounded number of times before the error reaches the user.
#pragma once

#include <chrono>
#include <utility>

#include "results/sqlite.h"
#include "results/store_error.h"

namespace runner::results {

// Attempts of one unit of work before the last SQLITE_BUSY or SQLITE_LOCKED error is thrown.
// Each attempt can also wait up to the busy timeout inside SQLite, so the bound is generous.
inline constexpr int kBusyAttempts = 12;

// Returns true for SQLITE_BUSY, SQLITE_LOCKED and their extended codes.
bool is_busy_error(const StoreError& error);

// Sleeps before attempt `attempt` (1 for the first retry): 10 ms doubling up to 1 s, with random
// jitter so that processes that collided do not collide again in step.
void wait_before_retry(int attempt);

// Runs `work` and runs it again while it throws a busy error, up to kBusyAttempts times in all.
// `work` must be safe to repeat: a Transaction inside it rolls back on the throw, so it is.
template <typename Work>
decltype(auto) retry_while_busy(Work&& work) {
  for (int attempt = 1;; ++attempt) {
    try {
      return work();
    } catch (const StoreError& error) {
      if (!is_busy_error(error) || attempt >= kBusyAttempts) throw;
    }
    wait_before_retry(attempt);
  }
}

}  // namespace runner::results
