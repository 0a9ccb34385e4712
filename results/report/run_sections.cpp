#include "results/report/run_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "results/report/html_text.h"
#include "results/report/learning_curves.h"

namespace runner::results::report {

namespace {

// Lists at most this many skipped values by name in a run's note, and counts the rest.
constexpr size_t kMaxListedSkippedValues = 8;

ParameterSplit split_run_parameters(const std::vector<RunData>& runs) {
  std::vector<ParamMap> maps;
  for (const auto& run : runs) maps.push_back(run.params);
  return split_parameters(maps);
}

std::vector<std::string> metric_columns(const std::vector<RunData>& runs) {
  std::vector<std::string> columns;
  for (const auto& metric : kTableMetrics) {
    const bool recorded = std::any_of(runs.begin(), runs.end(),
                                      [&](const RunData& run) { return run.final_value(metric).has_value(); });
    if (recorded) columns.push_back(metric);
  }
  return columns;
}

// Shortens the store's 2024-05-01T12:34:56.789Z to 2024-05-01 12:34:56 for the table. Other text stays as it is.
std::string format_timestamp(const std::string& timestamp) {
  if (timestamp.size() < 19 || timestamp[10] != 'T') return timestamp;
  return timestamp.substr(0, 10) + " " + timestamp.substr(11, 8);
}

std::string render_metric_cell(const std::optional<double>& value) {
  if (!value) return "<td></td>";
  if (!std::isfinite(*value)) return fmt::format(R"(<td class="number non-finite">{}</td>)", format_metric(*value));
  return fmt::format(R"(<td class="number">{}</td>)", format_metric(*value));
}

std::string render_status(const RunData& run) {
  std::string cell = fmt::format(R"(<span class="status status-{0}">{0}</span>)", escape_html(run.status));
  if (run.diverged_epoch) cell += fmt::format(" at epoch {}", *run.diverged_epoch);
  if (!run.error.empty()) cell += fmt::format(R"(<div class="error">{}</div>)", escape_html(run.error));
  return cell;
}

std::string render_run_row(const RunData& run, bool show_task, const std::vector<std::string>& parameters,
                           const std::vector<std::string>& metrics) {
  std::string row = fmt::format(R"(<tr data-run="{0}"><td class="number"><a href="#run-{0}">{0}</a></td><td>{1}</td>)",
                                run.id, escape_html(run.experiment));
  if (show_task) row += fmt::format("<td>{}</td>", escape_html(run.task));
  row += fmt::format("<td>{}</td>", render_status(run));

  for (const auto& name : parameters) {
    const auto found = run.params.find(name);
    row += fmt::format(R"(<td class="param">{}</td>)", found == run.params.end() ? "" : escape_html(found->second.text));
  }

  const auto final_epoch = run.final_epoch();
  row += fmt::format(R"(<td class="number">{}</td>)", final_epoch ? std::to_string(*final_epoch) : "");
  for (const auto& metric : metrics) row += render_metric_cell(run.final_value(metric));
  row += fmt::format(R"(<td class="number">{}</td>)", run.wall_seconds ? format_duration(*run.wall_seconds) : "");
  row += fmt::format(R"(<td class="time">{}</td></tr>)", escape_html(format_timestamp(run.started_at)));
  return row;
}

// Lists the NaN and infinite values of the run's charts, e.g. "test_loss at epoch 4 (NaN)".
std::string render_skipped_note(const std::vector<LineChart>& charts, size_t skipped) {
  std::vector<std::string> listed;
  for (const auto& chart : charts) {
    for (const auto& series : chart.series) {
      for (const auto& point : series.points) {
        if (std::isfinite(point.y) || listed.size() >= kMaxListedSkippedValues) continue;
        listed.push_back(fmt::format("{} at {} {} ({})", series.name, chart.x_label, point.x, format_metric(point.y)));
      }
    }
  }
  if (skipped > listed.size()) listed.push_back(fmt::format("and {} more", skipped - listed.size()));

  return fmt::format(
      R"(<p class="note non-finite-note">{} value{} NaN or infinite and not drawn (red crosses on the charts): {}.</p>)",
      skipped, skipped == 1 ? " is" : "s are", escape_html(fmt::format("{}", fmt::join(listed, ", "))));
}

std::string render_params_line(const RunData& run) {
  if (run.params.empty()) return "";

  std::vector<std::string> pairs;
  for (const auto& [name, value] : run.params) pairs.push_back(name + " = " + value.text);
  return fmt::format(R"(<p class="params">{}</p>)", escape_html(fmt::format("{}", fmt::join(pairs, ", "))));
}

std::string render_run_curves(const RunData& run, CurveCounts& counts) {
  std::string html = fmt::format(R"(<article class="run" id="run-{0}" data-run="{0}">)", run.id);
  html += fmt::format(R"(<h3>Run {0} <span class="experiment">{1}</span> <span class="status status-{2}">{2}</span></h3>)",
                      run.id, escape_html(run.experiment), escape_html(run.status));
  html += render_params_line(run);

  const auto charts = learning_curves(run);
  if (charts.empty()) {
    html += R"(<p class="note">This run recorded no loss, accuracy or perplexity values.</p></article>)";
    return html;
  }

  size_t skipped = 0;
  html += R"(<div class="charts">)";
  for (const auto& chart : charts) {
    html += render_line_chart(chart);
    skipped += count_non_finite(chart);
  }
  html += "</div>";
  if (skipped > 0) html += render_skipped_note(charts, skipped);
  html += "</article>";

  counts.charts += charts.size();
  counts.skipped_values += skipped;
  return html;
}

}  // namespace

std::string render_constant_parameters(const ParamMap& constant, const std::string& label) {
  if (constant.empty()) return "";

  std::vector<std::string> pairs;
  for (const auto& [name, value] : constant) pairs.push_back(name + " = " + value.text);
  return fmt::format(R"(<p class="params constant">{}: {}</p>)", escape_html(label),
                     escape_html(fmt::format("{}", fmt::join(pairs, ", "))));
}

std::string render_runs_table(const std::vector<RunData>& runs) {
  const bool show_task = std::any_of(runs.begin(), runs.end(), [](const RunData& run) { return !run.task.empty(); });
  const ParameterSplit parameters = split_run_parameters(runs);
  const auto metrics = metric_columns(runs);

  std::string html = R"(<section id="runs"><h2>Runs</h2>)";
  html += render_constant_parameters(parameters.constant, runs.size() == 1 ? "Parameters" : "Same in every run");
  html += R"(<div class="table-scroll"><table class="runs"><thead><tr>)";
  html += "<th>run</th><th>experiment</th>";
  if (show_task) html += "<th>task</th>";
  html += "<th>status</th>";
  for (const auto& name : parameters.varied) html += fmt::format(R"(<th class="param">{}</th>)", escape_html(name));
  html += R"(<th>final epoch</th>)";
  for (const auto& metric : metrics) html += fmt::format("<th>{}</th>", escape_html(metric));
  html += "<th>wall time</th><th>started (UTC)</th></tr></thead><tbody>";

  for (const auto& run : runs) html += render_run_row(run, show_task, parameters.varied, metrics);
  html += "</tbody></table></div></section>";
  return html;
}

std::string render_curve_section(const std::vector<RunData>& runs, CurveCounts& counts) {
  std::string html = R"(<section id="curves"><h2>Learning curves</h2>)";
  for (const auto& run : runs) html += render_run_curves(run, counts);
  html += "</section>";
  return html;
}

}  // namespace runner::results::report
