// Reads runs, their metrics and parameters, sweeps and seed statistics for the report.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "results/report/read_only_database.h"
#include "results/report/report_data.h"

namespace runner::results::report {

// Queries one results database. A version-1 database has no sweeps, parameters or step metrics, and
// the reader returns none of them for it. Every method throws StoreError when a query fails.
class ReportReader {
 public:
  explicit ReportReader(const ReadOnlyDatabase& database);

  // True when the database has the version-2 tables: sweeps, trials, run_params, step_metrics.
  bool has_sweeps() const { return has_sweeps_; }

  std::vector<int64_t> run_ids() const;

  // Returns the run with its metrics and parameters, or nullopt when no run has this id.
  std::optional<RunData> read_run(int64_t run_id) const;

  std::vector<SweepData> sweeps() const;
  std::optional<SweepData> read_sweep(int64_t sweep_id) const;

  // Returns the ids of the runs that belong to the sweep, in id order, failed attempts included.
  std::vector<int64_t> sweep_run_ids(int64_t sweep_id) const;

  // Returns the rows of the seed_summary view for the sweep, ordered by point_key and metric.
  std::vector<PointStatistics> seed_summary(int64_t sweep_id) const;

 private:
  void read_metrics(RunData& run) const;
  void read_step_metrics(RunData& run) const;
  void read_params(RunData& run) const;
  void read_trial_counts(SweepData& sweep) const;

  const ReadOnlyDatabase& database_;
  bool has_sweeps_ = false;
};

// Parses point_key, a JSON object from the seed_summary view, into parameter values. Throws StoreError
// naming the text when it is not a JSON object.
ParamMap parse_point_key(const ReadOnlyDatabase& database, const std::string& point_key);

}  // namespace runner::results::report
