#include "results/report/sweep_section.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "results/report/html_text.h"
#include "results/report/run_sections.h"

namespace runner::results::report {

namespace {

// The rows of seed_summary that belong to one point, by metric name.
struct Point {
  ParamMap params;
  std::map<std::string, const PointStatistics*> by_metric;
};

std::vector<Point> group_points(const std::vector<PointStatistics>& statistics) {
  std::map<std::string, Point> by_key;
  for (const auto& row : statistics) {
    Point& point = by_key[row.point_key];
    point.params = row.params;
    point.by_metric[row.metric] = &row;
  }

  std::vector<Point> points;
  for (auto& [key, point] : by_key) points.push_back(std::move(point));
  std::sort(points.begin(), points.end(), [](const Point& left, const Point& right) {
    return std::lexicographical_compare(
        left.params.begin(), left.params.end(), right.params.begin(), right.params.end(),
        [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
  });
  return points;
}

std::string format_mean_std(const PointStatistics& row) {
  if (!row.std) return format_metric(row.mean);
  return fmt::format("{} ± {}", format_metric(row.mean), format_metric(*row.std));
}

std::string render_trials(const SweepData& sweep) {
  if (sweep.trials_by_status.empty()) return "none";

  std::vector<std::string> counts;
  for (const auto& [status, count] : sweep.trials_by_status) counts.push_back(fmt::format("{} {}", count, status));
  return escape_html(fmt::format("{}", fmt::join(counts, ", ")));
}

std::string render_heatmap_figure(const SweepReport& report) {
  if (!report.metric) {
    return R"(<p class="note">No heatmap: no run of this sweep has completed with final metrics yet.</p>)";
  }
  if (!report.heatmap) {
    return R"(<p class="note">No heatmap: the sweep varies no parameter other than the seed.</p>)";
  }

  const Heatmap& heatmap = *report.heatmap;
  std::vector<std::string> averaged;
  for (const auto& name : report.varied) {
    if (name != heatmap.x_name && name != heatmap.y_name) averaged.push_back(name);
  }

  std::string caption = fmt::format(
      "Each cell is the mean final {} over the completed runs with those values, and n is their count.",
      heatmap.metric);
  if (!averaged.empty()) {
    caption += fmt::format(" The mean also runs over the other varied parameters: {}.", fmt::join(averaged, ", "));
  }
  if (report.varied.size() > 1) {
    caption += fmt::format(" Choose the axes with --x and --y from: {}.", fmt::join(report.varied, ", "));
  }
  caption += " Grey cells have no completed run.";

  return fmt::format(R"(<figure class="heatmap-figure">{}<figcaption>{}</figcaption></figure>)",
                     render_heatmap(heatmap), escape_html(caption));
}

std::vector<std::string> other_metrics(const SweepReport& report) {
  const auto summarized = summarized_metrics(report.statistics);
  std::vector<std::string> metrics;
  for (const auto& metric : kTableMetrics) {
    const bool present = std::find(summarized.begin(), summarized.end(), metric) != summarized.end();
    if (present && metric != report.metric) metrics.push_back(metric);
  }
  return metrics;
}

std::string render_point_row(const Point& point, const std::vector<std::string>& parameters,
                             const std::string& metric, const std::vector<std::string>& others) {
  std::string row = "<tr>";
  for (const auto& name : parameters) {
    const auto found = point.params.find(name);
    row += fmt::format(R"(<td class="param">{}</td>)", found == point.params.end() ? "" : escape_html(found->second.text));
  }

  const auto chosen = point.by_metric.find(metric);
  if (chosen == point.by_metric.end()) {
    row += "<td></td><td></td><td></td>";
  } else {
    const PointStatistics& statistics = *chosen->second;
    const std::string interval = statistics.ci95_low && statistics.ci95_high
                                     ? fmt::format("[{}, {}]", format_metric(*statistics.ci95_low),
                                                   format_metric(*statistics.ci95_high))
                                     : "";
    row += fmt::format(R"(<td class="number">{}</td><td class="number">{}</td><td class="number">{}</td>)",
                       format_mean_std(statistics), statistics.n, interval);
  }

  for (const auto& name : others) {
    const auto found = point.by_metric.find(name);
    row += fmt::format(R"(<td class="number">{}</td>)", found == point.by_metric.end() ? "" : format_mean_std(*found->second));
  }
  return row + "</tr>";
}

std::string render_points_table(const SweepReport& report) {
  if (!report.metric) return "";

  const auto points = group_points(report.statistics);
  std::vector<ParamMap> maps;
  for (const auto& point : points) maps.push_back(point.params);
  const ParameterSplit split = split_parameters(maps);
  const std::vector<std::string>& parameters = split.varied;
  const auto others = other_metrics(report);

  std::string html = R"(<h3>Points</h3><p class="note">One row per point: the final epochs of its completed runs )"
                     R"(over seeds, from the seed_summary view. std is the sample standard deviation; the interval )"
                     R"(is the 95 % confidence interval of the mean from Student's t.</p>)";
  html += render_constant_parameters(split.constant, "Same at every point");
  html += R"(<div class="table-scroll"><table class="points"><thead><tr>)";
  for (const auto& name : parameters) html += fmt::format(R"(<th class="param">{}</th>)", escape_html(name));
  html += fmt::format("<th>{} mean ± std</th><th>n</th><th>95 % CI</th>", escape_html(*report.metric));
  for (const auto& name : others) html += fmt::format("<th>{}</th>", escape_html(name));
  html += "</tr></thead><tbody>";
  for (const auto& point : points) html += render_point_row(point, parameters, *report.metric, others);
  html += "</tbody></table></div>";
  return html;
}

}  // namespace

std::string render_sweep_section(const SweepReport& report) {
  const SweepData& sweep = report.sweep;
  std::string html = fmt::format(R"(<section id="sweep" data-sweep="{}"><h2>Sweep {}: {}</h2>)", sweep.id, sweep.id,
                                 escape_html(sweep.name));
  html += fmt::format(
      R"(<dl class="facts"><dt>config file</dt><dd>{}</dd><dt>created (UTC)</dt><dd>{}</dd><dt>trials</dt><dd>{}</dd>)"
      R"(<dt>varied parameters</dt><dd>{}</dd></dl>)",
      escape_html(sweep.config_file), escape_html(sweep.created_at), render_trials(sweep),
      report.varied.empty() ? "none besides the seed" : escape_html(fmt::format("{}", fmt::join(report.varied, ", "))));

  html += "<h3>Heatmap</h3>";
  html += render_heatmap_figure(report);
  html += render_points_table(report);
  html += "</section>";
  return html;
}

}  // namespace runner::results::report
