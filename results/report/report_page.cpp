#include "results/report/report_page.h"

#include <fmt/format.h>

#include "results/report/html_text.h"
#include "results/report/report_style.h"

namespace runner::results::report {

namespace {

std::string render_head(const ReportPage& page) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>runner report: {}</title>\n<style>{}</style>\n</head>\n",
      escape_html(page.selection), report_style_sheet());
}

std::string render_header(const ReportPage& page) {
  std::string html = "<header><h1>runner report</h1>";
  html += fmt::format(
      R"(<dl class="facts"><dt>database</dt><dd>{}</dd><dt>selection</dt><dd>{}</dd>)"
      R"(<dt>generated (UTC)</dt><dd>{}</dd><dt>runner</dt><dd>{}</dd></dl>)",
      escape_html(page.database), escape_html(page.selection), escape_html(page.generated_at),
      escape_html(page.runner_version));

  html += "<nav>";
  if (page.sweep) html += R"(<a href="#sweep">sweep</a>)";
  html += R"(<a href="#runs">runs</a><a href="#curves">learning curves</a></nav></header>)";
  return html;
}

}  // namespace

std::string render_report_page(const ReportPage& page, CurveCounts& counts) {
  std::string html = render_head(page);
  html += "<body>\n";
  html += render_header(page);
  html += "\n<main>\n";
  if (page.sweep) html += render_sweep_section(*page.sweep) + "\n";
  html += render_runs_table(page.runs) + "\n";
  html += render_curve_section(page.runs, counts) + "\n";
  html += "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace runner::results::report
