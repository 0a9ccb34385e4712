// Merging command-line overrides into the file's sweep.
#pragma once

#include <vector>

#include "runner/sweep/override.h"
#include "runner/sweep/sweep_spec.h"

namespace runner::sweep {

// Moves every override that concerns the sweep into `spec` and returns the others, in order, to be
// applied to the base config:
//   a.b=v1,v2  replaces the file's grid axis for a.b, or becomes a new last axis
//   a.b=v      for a path the file's grid sweeps, pins that axis to v
//   +a.b=v     stays an override: it adds the key that a grid axis for a.b then sets
// An override of a path set by sweep.points or sweep.random, or `~a.b` for a grid path, is a
// ConfigError: the point's value would depend on which one is applied last.
std::vector<Override> merge_command_line(SweepSpec& spec, const std::vector<Override>& overrides);

}  // namespace runner::sweep
