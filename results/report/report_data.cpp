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

ParameterSplit split_parameters(const std::vector<ParamMap>& maps) {
  std::map<std::string, std::vector<const ParamValue*>> values_by_name;
  for (const auto& params : maps) {
    for (const auto& [name, value] : params) values_by_name[name].push_back(&value);
  }

  ParameterSplit split;
  bool seed_varies = false;
  for (const auto& [name, values] : values_by_name) {
    const bool same = values.size() == maps.size() &&
                      std::all_of(values.begin(), values.end(), [&](const ParamValue* v) { return *v == *values.front(); });
    if (same) {
      split.constant[name] = *values.front();
    } else if (name == "seed") {
      seed_varies = true;
    } else {
      split.varied.push_back(name);
    }
  }
  if (seed_varies) split.varied.push_back("seed");
  return split;
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
