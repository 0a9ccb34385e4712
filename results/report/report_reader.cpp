#include "results/report/report_reader.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "results/store_error.h"

namespace runner::results::report {

namespace {

// Formats a number as run_params and point_key values are shown: integers as they are, and reals with
// the fewest digits that read back as the same double (0.001, 1e-07).
std::string format_param_number(double value) { return fmt::format("{}", value); }

ParamValue param_from_column(const Query& query, int column) {
  switch (query.type(column)) {
    case SQLITE_INTEGER:
      return ParamValue{std::to_string(query.integer(column)), static_cast<double>(query.integer(column))};
    case SQLITE_FLOAT:
      return ParamValue{format_param_number(query.real(column)), query.real(column)};
    case SQLITE_NULL:
      return ParamValue{"null", std::nullopt};
    default:
      return ParamValue{query.text(column), std::nullopt};
  }
}

ParamValue param_from_json(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    return ParamValue{value.dump(), value.get<double>()};
  }
  if (value.is_number_float()) {
    return ParamValue{format_param_number(value.get<double>()), value.get<double>()};
  }
  if (value.is_string()) return ParamValue{value.get<std::string>(), std::nullopt};
  return ParamValue{value.dump(), std::nullopt};
}

}  // namespace

ParamMap parse_point_key(const ReadOnlyDatabase& database, const std::string& point_key) {
  if (point_key.empty()) return {};

  const auto json = nlohmann::json::parse(point_key, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw StoreError(database.path(), "reading seed_summary",
                     fmt::format("point_key '{}' is not a JSON object", point_key));
  }

  ParamMap params;
  for (const auto& [name, value] : json.items()) params[name] = param_from_json(value);
  return params;
}

ReportReader::ReportReader(const ReadOnlyDatabase& database)
    : database_(database),
      has_sweeps_(database.schema_version() >= 2 && database.has_table("sweeps") && database.has_table("trials") &&
                  database.has_table("run_params") && database.has_table("seed_summary")) {}

std::vector<int64_t> ReportReader::run_ids() const {
  Query query(database_, "SELECT id FROM runs ORDER BY id", "listing the runs");
  std::vector<int64_t> ids;
  while (query.next()) ids.push_back(query.integer(0));
  return ids;
}

std::optional<RunData> ReportReader::read_run(int64_t run_id) const {
  // The version-2 columns are read only where the schema has them.
  const std::string version_2_columns = has_sweeps_ ? "task, sweep_id, diverged_epoch" : "NULL, NULL, NULL";
  Query query(database_,
              "SELECT id, experiment, status, started_at, ended_at, error, seed, "
              "ROUND((julianday(ended_at) - julianday(started_at)) * 86400.0, 3), " +
                  version_2_columns + " FROM runs WHERE id = ?1",
              fmt::format("reading run {}", run_id));
  query.bind(1, run_id);
  if (!query.next()) return std::nullopt;

  RunData run;
  run.id = query.integer(0);
  run.experiment = query.text(1);
  run.status = query.text(2);
  run.started_at = query.text(3);
  run.ended_at = query.text(4);
  run.error = query.text(5);
  run.seed = query.integer(6);
  run.wall_seconds = query.optional_real(7);
  run.task = query.text(8);
  run.sweep_id = query.optional_integer(9);
  run.diverged_epoch = query.optional_integer(10);

  read_metrics(run);
  if (has_sweeps_) {
    read_step_metrics(run);
    read_params(run);
  }
  return run;
}

void ReportReader::read_metrics(RunData& run) const {
  Query query(database_, "SELECT epoch, name, value FROM metrics WHERE run_id = ?1 ORDER BY name, epoch",
              fmt::format("reading the metrics of run {}", run.id));
  query.bind(1, run.id);
  while (query.next()) {
    run.epoch_metrics[query.text(1)].push_back(MetricPoint{query.integer(0), query.metric(2)});
  }
}

void ReportReader::read_step_metrics(RunData& run) const {
  Query query(database_, "SELECT step, name, value FROM step_metrics WHERE run_id = ?1 ORDER BY name, step",
              fmt::format("reading the step metrics of run {}", run.id));
  query.bind(1, run.id);
  while (query.next()) {
    run.step_metrics[query.text(1)].push_back(MetricPoint{query.integer(0), query.metric(2)});
  }
}

void ReportReader::read_params(RunData& run) const {
  Query query(database_, "SELECT name, value FROM run_params WHERE run_id = ?1 ORDER BY name",
              fmt::format("reading the parameters of run {}", run.id));
  query.bind(1, run.id);
  while (query.next()) run.params[query.text(0)] = param_from_column(query, 1);
}

std::vector<SweepData> ReportReader::sweeps() const {
  std::vector<SweepData> sweeps;
  if (!has_sweeps_) return sweeps;

  Query query(database_, "SELECT id FROM sweeps ORDER BY id", "listing the sweeps");
  while (query.next()) {
    if (auto sweep = read_sweep(query.integer(0))) sweeps.push_back(std::move(*sweep));
  }
  return sweeps;
}

std::optional<SweepData> ReportReader::read_sweep(int64_t sweep_id) const {
  if (!has_sweeps_) return std::nullopt;

  Query query(database_, "SELECT id, name, config_file, created_at FROM sweeps WHERE id = ?1",
              fmt::format("reading sweep {}", sweep_id));
  query.bind(1, sweep_id);
  if (!query.next()) return std::nullopt;

  SweepData sweep;
  sweep.id = query.integer(0);
  sweep.name = query.text(1);
  sweep.config_file = query.text(2);
  sweep.created_at = query.text(3);
  read_trial_counts(sweep);
  return sweep;
}

void ReportReader::read_trial_counts(SweepData& sweep) const {
  Query query(database_, "SELECT status, count(*) FROM trials WHERE sweep_id = ?1 GROUP BY status ORDER BY status",
              fmt::format("counting the trials of sweep {}", sweep.id));
  query.bind(1, sweep.id);
  while (query.next()) sweep.trials_by_status[query.text(0)] = query.integer(1);
}

std::vector<int64_t> ReportReader::sweep_run_ids(int64_t sweep_id) const {
  std::vector<int64_t> ids;
  if (!has_sweeps_) return ids;

  Query query(database_, "SELECT id FROM runs WHERE sweep_id = ?1 ORDER BY id",
              fmt::format("listing the runs of sweep {}", sweep_id));
  query.bind(1, sweep_id);
  while (query.next()) ids.push_back(query.integer(0));
  return ids;
}

std::vector<PointStatistics> ReportReader::seed_summary(int64_t sweep_id) const {
  std::vector<PointStatistics> rows;
  if (!has_sweeps_) return rows;

  Query query(database_,
              "SELECT point_key, experiment, metric, n, mean, std, ci95_low, ci95_high FROM seed_summary "
              "WHERE sweep_id = ?1 ORDER BY point_key, metric",
              fmt::format("reading seed_summary for sweep {}", sweep_id));
  query.bind(1, sweep_id);
  while (query.next()) {
    PointStatistics row;
    row.point_key = query.text(0);
    row.params = parse_point_key(database_, row.point_key);
    row.experiment = query.text(1);
    row.metric = query.text(2);
    row.n = query.integer(3);
    row.mean = query.real(4);
    row.std = query.optional_real(5);
    row.ci95_low = query.optional_real(6);
    row.ci95_high = query.optional_real(7);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace runner::results::report
