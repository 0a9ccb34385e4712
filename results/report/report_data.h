// The rows that the report reads from the results database, as plain structs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace runner::results::report {

// A config value of a run (a run_params row) or of a sweep point (a member of point_key).
struct ParamValue {
  std::string text;              // as shown in the report: 64, 0.001, 1e-07, relu
  std::optional<double> number;  // set for numbers, so that values sort numerically
};

// Numbers first, in ascending order, then text in byte order.
bool operator<(const ParamValue& left, const ParamValue& right);
bool operator==(const ParamValue& left, const ParamValue& right);

using ParamMap = std::map<std::string, ParamValue>;  // by dotted config path: model.width, optimizer.lr, seed

// The parameters of several runs or points, split into those that differ between them and those that
// are the same in all of them, so that a table gives columns only to the first kind.
struct ParameterSplit {
  std::vector<std::string> varied;  // in name order, seed last; a name missing from some maps counts as varied
  ParamMap constant;
};

ParameterSplit split_parameters(const std::vector<ParamMap>& maps);

struct MetricPoint {
  int64_t x = 0;       // epoch, or step for step metrics
  double value = 0.0;  // NaN or infinite where the run stored 'NaN', 'Infinity' or '-Infinity'
};

using MetricCurves = std::map<std::string, std::vector<MetricPoint>>;  // by metric name, x ascending

// One run with everything the report shows about it.
struct RunData {
  int64_t id = 0;
  std::string experiment;
  std::string status;
  std::string task;  // runs.task, empty for image classification runs of a version-1 database
  std::string started_at;
  std::string ended_at;
  std::string error;
  int64_t seed = 0;
  std::optional<double> wall_seconds;  // NULL until the run ends
  std::optional<int64_t> sweep_id;
  std::optional<int64_t> diverged_epoch;
  ParamMap params;
  MetricCurves epoch_metrics;
  MetricCurves step_metrics;

  // The last epoch with any metric, or nullopt for a run that recorded none.
  std::optional<int64_t> final_epoch() const;

  // The value of `metric` at final_epoch(), or nullopt when the run did not record it then.
  std::optional<double> final_value(const std::string& metric) const;
};

struct SweepData {
  int64_t id = 0;
  std::string name;
  std::string config_file;
  std::string created_at;
  std::map<std::string, int64_t> trials_by_status;  // e.g. completed: 8, failed: 1
};

// One row of the seed_summary view: a metric over the seeds of one point of a sweep.
struct PointStatistics {
  std::string point_key;  // canonical JSON of the point's parameters without seed
  ParamMap params;        // point_key parsed
  std::string experiment;
  std::string metric;
  int64_t n = 0;
  double mean = 0.0;
  std::optional<double> std;  // sample standard deviation, NULL when n = 1
  std::optional<double> ci95_low;
  std::optional<double> ci95_high;
};

}  // namespace runner::results::report
