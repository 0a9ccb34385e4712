// `runner report`: writes one self-contained HTML file about runs or a sweep (docs/report.md).
// Torch-free: the report reads only the results database.
#pragma once

#include "results/report/report_request.h"

namespace CLI {
class App;
}

namespace runner::cli {

// Adds the `report` subcommand to `app`. Parsing the command line fills `request`.
CLI::App* add_report_command(CLI::App& app, results::report::ReportRequest& request);

// Writes the report, prints where and what it wrote, and returns the process exit code. The code is 0
// when the report was written, and 2 when the request names a database, run, sweep, metric or parameter
// that does not exist. It is 1 when reading the database or writing the file failed.
int run_report_command(const results::report::ReportRequest& request);

}  // namespace runner::cli
