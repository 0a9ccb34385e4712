// The table of a run's epochs printed when training ends.
#pragma once

#include <cstdio>
#include <vector>

#include "runner/train/progress.h"

namespace runner::train {

void print_summary_table(FILE* stream, const std::vector<EpochMetrics>& epochs);

}  // namespace runner::train
