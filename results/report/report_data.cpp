#include "results/report/report_data.h"

#include <algorithm>

namespace runner::results::report {

bool operator<(const ParamValue& left, const ParamValue& right) {
  if (left.number && right.number) {
    if (*left.number != *right.number) return *left.number < *right.number;
    return left.text < right.text;
  }
  if (left.number != right.number) return left.number.has_value();  // numbers before text
  return left.text < right.text;
}

bool operator==(const ParamValue& left, const ParamValue& right) {
  return left.text == right.text && left.number == right.number;
}

std::optional<int64_t> RunData::final_epoch() const {
  std::optional<int64_t> last;
  for (const auto& [name, points] : epoch_metrics) {
    if (points.empty()) continue;
    last = std::max(last.value_or(points.back().x), points.back().x);
  }
  return last;
}

std::optional<double> RunData::final_value(const std::string& metric) const {
  const auto epoch = final_epoch();
  const auto found = epoch_metrics.find(metric);
  if (!epoch || found == epoch_metrics.end() || found->second.empty()) return std::nullopt;
  if (found->second.back().x != *epoch) return std::nullopt;
  return found->second.back().value;
}

}  // namespace runner::results::report
