#include "runner/sweep/command_line_sweep.h"

#include <fmt/format.h>

namespace runner::sweep {

namespace {

GridAxis* find_axis(SweepSpec& spec, const ConfigPath& path) {
  for (auto& axis : spec.grid) {
    if (axis.target.path.same_as(path)) return &axis;
  }
  return nullptr;
}

// The origin of the point or random entry that sets `path`, or nullptr.
const ValueOrigin* find_other_form(const SweepSpec& spec, const ConfigPath& path) {
  for (const auto& point : spec.points) {
    for (const auto& assignment : point) {
      if (assignment.target.path.same_as(path)) return &assignment.origin;
    }
  }
  if (spec.random) {
    for (const auto& param : spec.random->params) {
      if (param.target.path.same_as(path)) return &param.origin;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<Override> merge_command_line(SweepSpec& spec, const std::vector<Override>& overrides) {
  std::vector<Override> fixed;
  for (const auto& override : overrides) {
    if (const ValueOrigin* other = find_other_form(spec, override.path)) {
      fail_at(override.origin, fmt::format("path '{}' is also swept at {}", override.path.canonical_text(), other->label),
              "change the value in the sweep section, or drop this override");
    }

    GridAxis* axis = find_axis(spec, override.path);
    if (axis != nullptr && override.kind == EditKind::kRemove) {
      fail_at(override.origin, fmt::format("cannot remove '{}': it is swept at {}", override.path.canonical_text(), axis->origin.label),
              "remove the grid axis from the sweep section instead");
    }
    // `+a.b=v` adds the key to the base config, so that a grid axis for a.b can then set it.
    const bool adds_base_key = override.kind == EditKind::kAdd && !override.is_sweep();
    if (axis != nullptr && !adds_base_key) {
      // The command line wins over the file, as it does for a plain key. The axis keeps its place,
      // and its add flag unless the command line gives `+`.
      axis->values = override.values;
      axis->origin = override.origin;
      if (override.kind == EditKind::kAdd) axis->target.kind = EditKind::kAdd;
      continue;
    }
    if (override.is_sweep()) {
      spec.grid.push_back({EditTarget{override.kind, override.path}, override.values, override.origin});
      continue;
    }
    fixed.push_back(override);
  }
  return fixed;
}

}  // namespace runner::sweep
