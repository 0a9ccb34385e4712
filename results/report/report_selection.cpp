#include "results/report/report_selection.h"

#include <fmt/format.h>

#include <algorithm>

#include "results/report/report_error.h"

namespace runner::results::report {

namespace {

// Lists up to this many sweeps by id and name in an error; more would flood the terminal.
constexpr size_t kMaxListedSweeps = 20;

std::string describe_runs(const ReportReader& reader) {
  const auto ids = reader.run_ids();
  if (ids.empty()) return "the database has no runs yet";
  return "runs in this database: " + format_id_ranges(ids);
}

std::string describe_sweeps(const ReportReader& reader) {
  if (!reader.has_sweeps()) return "the database has schema version 1, which has no sweeps";

  const auto sweeps = reader.sweeps();
  if (sweeps.empty()) return "the database has no sweeps";

  std::vector<std::string> names;
  for (size_t i = 0; i < sweeps.size() && i < kMaxListedSweeps; ++i) {
    names.push_back(fmt::format("{} ({})", sweeps[i].id, sweeps[i].name));
  }
  if (sweeps.size() > kMaxListedSweeps) names.push_back(fmt::format("and {} more", sweeps.size() - kMaxListedSweeps));
  return "sweeps in this database: " + fmt::format("{}", fmt::join(names, ", "));
}

std::string describe_trials(const SweepData& sweep) {
  if (sweep.trials_by_status.empty()) return "it has no trials";

  std::vector<std::string> counts;
  for (const auto& [status, count] : sweep.trials_by_status) counts.push_back(fmt::format("{} {}", count, status));
  return "its trials: " + fmt::format("{}", fmt::join(counts, ", "));
}

void check_sweep_options(const ReportRequest& request) {
  if (request.sweep_id) return;

  for (const auto& [option, value] : {std::pair{"--x", request.x_parameter}, std::pair{"--y", request.y_parameter},
                                      std::pair{"--metric", request.metric}}) {
    if (value) {
      throw ReportError(fmt::format("{} {} needs --sweep ID, because it sets the sweep's heatmap", option, *value),
                        "add --sweep ID, or leave out " + std::string(option));
    }
  }
}

std::vector<int64_t> select_sweep_runs(const ReportReader& reader, int64_t sweep_id) {
  const auto sweep = reader.read_sweep(sweep_id);
  if (!sweep) {
    throw ReportError(fmt::format("sweep {} not found", sweep_id), describe_sweeps(reader));
  }

  auto ids = reader.sweep_run_ids(sweep_id);
  if (ids.empty()) {
    throw ReportError(fmt::format("sweep {} ({}) has no runs yet, so there is nothing to report; {}", sweep_id,
                                  sweep->name, describe_trials(*sweep)),
                      "run the sweep's trials first, or choose another sweep. " + describe_sweeps(reader));
  }
  return ids;
}

std::vector<int64_t> select_listed_runs(const ReportReader& reader, const std::vector<int64_t>& requested) {
  const auto known = reader.run_ids();
  std::vector<int64_t> ids;
  for (const int64_t id : requested) {
    if (!std::binary_search(known.begin(), known.end(), id)) {
      throw ReportError(fmt::format("run {} not found", id), describe_runs(reader));
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

}  // namespace

std::string format_id_ranges(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

  std::vector<std::string> ranges;
  for (size_t start = 0; start < ids.size();) {
    size_t end = start;
    while (end + 1 < ids.size() && ids[end + 1] == ids[end] + 1) ++end;
    ranges.push_back(end == start ? std::to_string(ids[start]) : fmt::format("{}-{}", ids[start], ids[end]));
    start = end + 1;
  }
  return fmt::format("{}", fmt::join(ranges, ", "));
}

std::vector<int64_t> select_run_ids(const ReportReader& reader, const ReportRequest& request) {
  check_sweep_options(request);

  if (request.sweep_id && !request.run_ids.empty()) {
    throw ReportError("both --sweep and run ids were given", "give either --sweep ID or run ids, not both");
  }
  if (request.sweep_id) return select_sweep_runs(reader, *request.sweep_id);
  if (!request.run_ids.empty()) return select_listed_runs(reader, request.run_ids);

  throw ReportError("no runs selected", "give run ids or --sweep ID. " + describe_runs(reader) + "; " +
                                            describe_sweeps(reader));
}

}  // namespace runner::results::report
