// The results store: one SQLite database file that every run of every experiment writes to.
// results/schema.sql defines the tables, and docs/results.md explains how to query them.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "results/records.h"
#include "results/run_status.h"
#include "results/store_error.h"

namespace runner::results {

class Connection;

// Long enough for parallel runs that share one file to wait out each other's epoch writes, which
// take milliseconds, and short enough that a lock held by a stuck program surfaces as an error.
inline constexpr std::chrono::milliseconds kDefaultBusyTimeout{10000};

// Writes runs and their per-epoch metrics. Several processes may use one file at once, because the
// database uses WAL mode and every write waits up to the busy timeout for the lock. One ResultsStore
// must not be used from two threads at once. Every method throws StoreError on failure.
class ResultsStore {
 public:
  // Opens or creates the database: creates missing parent folders, creates the schema in a new file
  // or migrates an older one, and switches the file to WAL mode. Both steps retry while another
  // process holds the lock, so several processes may open one new file at the same moment.
  explicit ResultsStore(const std::filesystem::path& database,
                        std::chrono::milliseconds busy_timeout = kDefaultBusyTimeout);
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  // Inserts a run with status "running" and started_at set to now. Returns the new run id.
  int64_t begin_run(const RunRecord& run);

  // Writes every metric of one epoch in a single transaction, so a crash loses at most the epoch in
  // progress. Rejects an epoch that the run already recorded a metric name for, and writes nothing then.
  void log_epoch(int64_t run_id, int64_t epoch, const std::vector<std::pair<std::string, double>>& metrics);

  // Moves a running run to a final status and sets ended_at to now. An empty error stores NULL.
  void finish_run(int64_t run_id, RunStatus status, const std::string& error = "");

  // Returns the metrics of one run, ordered by epoch and then by name.
  std::vector<MetricRow> metrics(int64_t run_id) const;

  std::filesystem::path path() const;

  // The store's connection, for features in other files under results/ that run their own SQL.
  // Foreign keys are on, and the busy timeout is the one given to the constructor.
  Connection& connection() { return *connection_; }

 private:
  std::unique_ptr<Connection> connection_;
};

}  // namespace runner::results
