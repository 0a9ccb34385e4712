// `--dry-run`: the table of a sweep's points, printed without training anything.
#pragma once

#include <cstdio>

#include "runner/sweep/expand.h"

namespace runner::sweep {

// Prints a header naming the config and the definition hash, then one block per point: its index,
// the first 12 hex digits of its config hash, and each changed path = value with where the value came
// from ("default" for a value that `~path` removed). Values that every point shares, such as plain
// overrides, are listed once on rows marked "all". Ends with "N points; nothing was trained".
void print_dry_run(std::FILE* out, const ExpandedSweep& sweep);

}  // namespace runner::sweep
