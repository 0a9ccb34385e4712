// The table of a run's epochs printed when training ends.
#pragma once

#include <cstdint>
#include <cstdio>
#include <vector>

#include "runner/train/progress.h"

namespace runner::train {

void print_summary_table(FILE* stream, const std::vector<EpochMetrics>& epochs);

// Prints one line with the last epoch's metrics. --quiet uses it, because sweep workers share a terminal.
void print_summary_line(FILE* stream, int64_t run_id, const EpochMetrics& last);

}  // namespace runner::train
