// `runner report`: one self-contained HTML file with the learning curves of runs, a table of runs and,
// for a sweep, a heatmap and a table of points over seeds. docs/report.md describes the page.
#pragma once

#include "results/report/report_request.h"

namespace runner::results::report {

// Reads the selected runs from the database, opened read-only, and writes the report to
// request.output, replacing the file only once the page is complete. Throws ReportError for a request
// that the database cannot satisfy, StoreError when reading fails, and std::runtime_error when the
// file cannot be written.
ReportSummary write_html_report(const ReportRequest& request);

}  // namespace runner::results::report
