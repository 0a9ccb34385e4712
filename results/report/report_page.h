// The whole report page: head, style sheet, header and sections.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/report/report_data.h"
#include "results/report/run_sections.h"
#include "results/report/sweep_section.h"

namespace runner::results::report {

struct ReportPage {
  std::string database;        // the database path as given
  std::string generated_at;    // UTC, ISO 8601
  std::string runner_version;  // version and commit of the runner that wrote the page
  std::string selection;       // e.g. "sweep 3" or "runs 1-4, 9"
  std::vector<RunData> runs;
  std::optional<SweepReport> sweep;
};

// Returns a complete HTML5 document that loads nothing: the style sheet and every chart are inline.
// `counts` receives the number of charts and skipped values.
std::string render_report_page(const ReportPage& page, CurveCounts& counts);

}  // namespace runner::results::report
