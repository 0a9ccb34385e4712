#include "results/report/html_report.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

#include "results/report/html_text.h"
#include "results/report/read_only_database.h"
#include "results/report/report_error.h"
#include "results/report/report_page.h"
#include "results/report/report_reader.h"
#include "results/report/report_selection.h"
#include "results/report/sweep_grid.h"
#include "runner/version.h"

namespace runner::results::report {

namespace {

std::vector<RunData> read_runs(const ReportReader& reader, const std::vector<int64_t>& ids) {
  std::vector<RunData> runs;
  for (const int64_t id : ids) {
    // select_run_ids has checked every id, but a run may be deleted in between by another program.
    auto run = reader.read_run(id);
    if (!run) throw ReportError(fmt::format("run {} not found: it was deleted while the report was read", id));
    runs.push_back(std::move(*run));
  }
  return runs;
}

SweepReport read_sweep_report(const ReportReader& reader, const ReportRequest& request,
                              const std::vector<RunData>& runs) {
  SweepReport report;
  report.sweep = reader.read_sweep(*request.sweep_id).value();
  report.statistics = reader.seed_summary(*request.sweep_id);
  report.varied = varied_parameters(runs);

  // The axes are checked before the metric, so that a wrong --x is reported also before any run completes.
  report.axes = choose_heatmap_axes(report.varied, request.x_parameter, request.y_parameter);
  report.metric = choose_metric(report.statistics, request.metric);
  if (report.metric && report.axes) report.heatmap = build_heatmap(runs, report.statistics, *report.metric, *report.axes);
  return report;
}

std::string describe_selection(const std::vector<RunData>& runs, const std::optional<SweepReport>& sweep) {
  if (sweep) return fmt::format("sweep {} ({}), {} runs", sweep->sweep.id, sweep->sweep.name, runs.size());

  std::vector<int64_t> ids;
  for (const auto& run : runs) ids.push_back(run.id);
  return fmt::format("{} {}", runs.size() == 1 ? "run" : "runs", format_id_ranges(ids));
}

// Writes next to the target and renames, so that a browser never reads a partial page, even after a failed write.
void write_file(const std::filesystem::path& output, const std::string& html) {
  const std::filesystem::path folder = output.parent_path();
  std::error_code error;
  if (!folder.empty()) std::filesystem::create_directories(folder, error);
  if (error) {
    throw std::runtime_error(fmt::format("cannot create the folder {} for the report: {}", folder.string(),
                                         error.message()));
  }

  std::filesystem::path partial = output;
  partial += ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file << html;
    file.close();
    if (!file) {
      std::filesystem::remove(partial, error);
      throw std::runtime_error(fmt::format("cannot write the report to {}: check that the folder is writable "
                                           "and the disk is not full",
                                           partial.string()));
    }
  }

  std::filesystem::rename(partial, output, error);
  if (error) {
    std::filesystem::remove(partial, error);
    throw std::runtime_error(fmt::format("cannot replace {} with the new report: {}", output.string(),
                                         error.message()));
  }
}

}  // namespace

ReportSummary write_html_report(const ReportRequest& request) {
  if (request.output.empty()) {
    throw ReportError("no output file given", "pass -o FILE, e.g. -o report.html");
  }

  const ReadOnlyDatabase database(request.database);
  const ReportReader reader(database);
  const auto ids = select_run_ids(reader, request);

  ReportPage page;
  page.runs = read_runs(reader, ids);
  if (request.sweep_id) page.sweep = read_sweep_report(reader, request, page.runs);
  page.database = request.database.string();
  page.generated_at = utc_now();
  page.runner_version = fmt::format("{} ({})", runner_version(), git_commit());
  page.selection = describe_selection(page.runs, page.sweep);

  CurveCounts counts;
  const std::string html = render_report_page(page, counts);
  write_file(request.output, html);

  ReportSummary summary;
  summary.output = request.output;
  summary.runs = page.runs.size();
  summary.charts = counts.charts;
  summary.skipped_values = counts.skipped_values;
  summary.heatmap = page.sweep && page.sweep->heatmap;
  if (page.sweep && page.sweep->metric) summary.metric = *page.sweep->metric;
  return summary;
}

}  // namespace runner::results::report
