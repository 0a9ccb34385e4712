#include "runner/cli/report_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include "results/report/html_report.h"
#include "results/report/report_error.h"
#include "results/store_error.h"
#include "runner/errors.h"

namespace runner::cli {

namespace {

std::string describe_summary(const results::report::ReportSummary& summary) {
  std::string text = fmt::format("wrote {}: {} run{}, {} chart{}", summary.output.string(), summary.runs,
                                 summary.runs == 1 ? "" : "s", summary.charts, summary.charts == 1 ? "" : "s");
  if (summary.heatmap) text += fmt::format(", heatmap of {}", summary.metric);
  if (summary.skipped_values > 0) {
    text += fmt::format(" ({} NaN or infinite value{} marked and not drawn)", summary.skipped_values,
                        summary.skipped_values == 1 ? "" : "s");
  }
  return text;
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, results::report::ReportRequest& request) {
  auto* report = app.add_subcommand(
      "report", "Write one self-contained HTML file with learning curves, a table of runs and, for a sweep, a "
                "heatmap and a table of points over seeds");
  report->add_option("runs", request.run_ids, "Ids of the runs to report (runs.id)");
  report->add_option("--db", request.database, "Results database file (default results/runs.db)");
  auto* sweep = report->add_option_function<int64_t>(
      "--sweep", [&request](const int64_t& id) { request.sweep_id = id; },
      "Report every run of this sweep (sweeps.id), with its heatmap and points table");
  report->add_option_function<std::string>(
      "--metric", [&request](const std::string& name) { request.metric = name; },
      "Final metric of the heatmap and the points table (default test_accuracy, or held_out_loss for "
      "language sweeps)");
  report->add_option_function<std::string>(
      "--x", [&request](const std::string& name) { request.x_parameter = name; },
      "Swept parameter along the heatmap's columns, e.g. optimizer.lr (default: the first varied one by name)");
  report->add_option_function<std::string>(
      "--y", [&request](const std::string& name) { request.y_parameter = name; },
      "Swept parameter along the heatmap's rows (default: the next varied one by name)");
  report->add_option("-o,--output", request.output, "HTML file to write, e.g. report.html")->required();
  sweep->excludes(report->get_option("runs"));
  return report;
}

int run_report_command(const results::report::ReportRequest& request) {
  try {
    const auto summary = results::report::write_html_report(request);
    fmt::print("{}\n", describe_summary(summary));
    return static_cast<int>(ExitCode::kOk);
  } catch (const results::report::ReportError& error) {
    fmt::print(stderr, "report error: {}\n", error.what());
    return static_cast<int>(ExitCode::kUsage);
  } catch (const results::StoreError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return static_cast<int>(ExitCode::kRunFailed);
  } catch (const std::runtime_error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return static_cast<int>(ExitCode::kRunFailed);
  }
}

}  // namespace runner::cli
