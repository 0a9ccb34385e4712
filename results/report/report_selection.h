// Which runs a report shows: the checks of the request against the database, with errors that list
// the valid choices.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "results/report/report_reader.h"
#include "results/report/report_request.h"

namespace runner::results::report {

// Returns the ids of the runs to report, in id order for a sweep and in the given order otherwise,
// without repeats. Throws ReportError for an unknown run or sweep id, a sweep without runs, no
// selection at all, or heatmap options without --sweep.
std::vector<int64_t> select_run_ids(const ReportReader& reader, const ReportRequest& request);

// Writes ids as ranges, e.g. "1-12, 15, 20-22".
std::string format_id_ranges(std::vector<int64_t> ids);

}  // namespace runner::results::report
