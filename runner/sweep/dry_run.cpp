#include "runner/sweep/dry_run.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace runner::sweep {

namespace {

constexpr size_t kHashDigits = 12;

struct Row {
  std::string point;
  std::string hash;
  std::string path;
  std::string value;
  std::string origin;
};

// Strings keep their quotes, so that "3" and 3 read differently.
std::string format_value(const PointParam& param) {
  if (param.removed) return "default";
  return param.value.dump();
}

bool same_param(const PointParam& a, const PointParam& b) {
  return a.path == b.path && a.value == b.value && a.removed == b.removed && a.origin == b.origin;
}

// How many leading params every point shares: the plain overrides, and grid axes of one value. With
// more than one point they are listed once, on rows marked "all", instead of under every point.
size_t shared_param_count(const ExpandedSweep& sweep) {
  if (sweep.points.size() < 2) return 0;
  const std::vector<PointParam>& first = sweep.points[0].params;
  size_t count = first.size();
  for (const auto& point : sweep.points) {
    size_t same = 0;
    while (same < count && same < point.params.size() && same_param(point.params[same], first[same])) ++same;
    count = same;
  }
  return count;
}

std::vector<Row> table_rows(const ExpandedSweep& sweep) {
  std::vector<Row> rows;
  const size_t shared = shared_param_count(sweep);
  for (size_t i = 0; i < shared; ++i) {
    const PointParam& param = sweep.points[0].params[i];
    rows.push_back({i == 0 ? "all" : "", "", param.path, format_value(param), param.origin});
  }

  for (const auto& point : sweep.points) {
    const std::string index = std::to_string(point.point_index);
    const std::string hash = point.config_hash.substr(0, kHashDigits);
    if (point.params.size() == shared) {
      rows.push_back({index, hash, shared == 0 ? "(the config as written)" : "(no other changes)", "", ""});
      continue;
    }
    for (size_t i = shared; i < point.params.size(); ++i) {
      const PointParam& param = point.params[i];
      // Only the first row of a point names it; the others leave the first two columns blank.
      const bool first_row = i == shared;
      rows.push_back({first_row ? index : "", first_row ? hash : "", param.path, format_value(param), param.origin});
    }
  }
  return rows;
}

}  // namespace

void print_dry_run(std::FILE* out, const ExpandedSweep& sweep) {
  const size_t count = sweep.points.size();
  fmt::print(out, "{} '{}' from {}: {} point{}, definition {}\n", sweep.is_sweep ? "sweep" : "run", sweep.name,
             sweep.config_file.string(), count, count == 1 ? "" : "s", sweep.definition_hash.substr(0, kHashDigits));

  const Row header{"point", "config", "path", "value", "from"};
  const std::vector<Row> rows = table_rows(sweep);
  size_t widths[4] = {header.point.size(), header.hash.size(), header.path.size(), header.value.size()};
  for (const auto& row : rows) {
    widths[0] = std::max(widths[0], row.point.size());
    widths[1] = std::max(widths[1], row.hash.size());
    widths[2] = std::max(widths[2], row.path.size());
    widths[3] = std::max(widths[3], row.value.size());
  }

  const auto print_row = [&](const Row& row) {
    std::string line = fmt::format("{:>{}}  {:<{}}  {:<{}}  {:<{}}  {}", row.point, widths[0], row.hash, widths[1],
                                   row.path, widths[2], row.value, widths[3], row.origin);
    line.erase(line.find_last_not_of(' ') + 1);
    fmt::print(out, "{}\n", line);
  };
  print_row(header);
  for (const auto& row : rows) print_row(row);

  fmt::print(out, "{} point{}; nothing was trained\n", count, count == 1 ? "" : "s");
}

}  // namespace runner::sweep
