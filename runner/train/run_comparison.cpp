#include "runner/train/run_comparison.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace runner::train {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

using MetricKey = std::pair<int64_t, std::string>;  // (epoch, name)

std::map<MetricKey, double> by_epoch_and_name(const std::vector<results::MetricRow>& rows) {
  std::map<MetricKey, double> values;
  for (const auto& row : rows) {
    if (!is_timing_metric(row.name)) values[{row.epoch, row.name}] = row.value;
  }
  return values;
}

int64_t last_epoch(const std::vector<results::MetricRow>& rows) {
  int64_t last = 0;
  for (const auto& row : rows) last = std::max(last, row.epoch);
  return last;
}

// Bit-equal, so that NaN matches NaN and 0.0 does not match -0.0.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

double relative_difference(double a, double b) {
  if (same_bits(a, b)) return 0.0;
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::infinity();
  if (a == b) return 0.0;  // 0.0 and -0.0
  const double scale = std::max(std::fabs(a), std::fabs(b));
  if (std::isinf(scale)) return std::numeric_limits<double>::infinity();
  return std::fabs(a - b) / scale;
}

std::string format_value(double value, bool present) {
  if (!present) return "(missing)";
  // fmt's default is the shortest text that reads back to the same bits.
  return fmt::format("{}", value);
}

}  // namespace

bool is_timing_metric(const std::string& name) {
  return name.find("second") != std::string::npos;  // seconds, epoch_seconds, images_per_second, ...
}

RunComparison compare_runs(const std::vector<results::MetricRow>& original,
                           const std::vector<results::MetricRow>& rerun, double tolerance) {
  RunComparison comparison;
  comparison.original_epochs = last_epoch(original);
  comparison.rerun_epochs = last_epoch(rerun);
  const auto original_values = by_epoch_and_name(original);
  const auto rerun_values = by_epoch_and_name(rerun);

  // Every key of the original, plus any the rerun recorded in those epochs and the original did not.
  std::map<MetricKey, bool> keys;
  for (const auto& [key, value] : original_values) keys[key] = true;
  for (const auto& [key, value] : rerun_values) {
    if (key.first <= comparison.original_epochs) keys[key] = true;
  }

  for (const auto& [key, unused] : keys) {
    MetricPair pair;
    pair.epoch = key.first;
    pair.name = key.second;
    const auto in_original = original_values.find(key);
    const auto in_rerun = rerun_values.find(key);
    pair.in_original = in_original != original_values.end();
    pair.in_rerun = in_rerun != rerun_values.end();
    pair.original = pair.in_original ? in_original->second : kMissing;
    pair.rerun = pair.in_rerun ? in_rerun->second : kMissing;
    pair.bit_equal = pair.in_original && pair.in_rerun && same_bits(pair.original, pair.rerun);
    pair.relative_difference = pair.in_original && pair.in_rerun ? relative_difference(pair.original, pair.rerun)
                                                                 : std::numeric_limits<double>::infinity();
    comparison.pairs.push_back(pair);
  }

  bool all_bit_equal = true;
  for (size_t i = 0; i < comparison.pairs.size(); ++i) {
    const MetricPair& pair = comparison.pairs[i];
    all_bit_equal = all_bit_equal && pair.bit_equal;
    comparison.max_relative_difference = std::max(comparison.max_relative_difference, pair.relative_difference);
    if (!comparison.first_difference && !(pair.relative_difference <= tolerance)) comparison.first_difference = i;
  }
  if (comparison.first_difference) {
    comparison.verdict = Verdict::kDiffers;
  } else {
    comparison.verdict = all_bit_equal ? Verdict::kIdentical : Verdict::kWithinTolerance;
  }
  return comparison;
}

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kIdentical:
      return "identical";
    case Verdict::kWithinTolerance:
      return "within tolerance";
    case Verdict::kDiffers:
      return "differs";
  }
  return "differs";
}

void print_comparison(FILE* stream, const RunComparison& comparison, int64_t original_run, int64_t rerun_run,
                      double tolerance) {
  const std::string original_header = fmt::format("run {}", original_run);
  const std::string rerun_header = fmt::format("run {}", rerun_run);
  fmt::print(stream, "{:>5}  {:<16}  {:<24}  {:<24}  {}\n", "epoch", "metric", original_header, rerun_header,
             "relative difference");
  for (const auto& pair : comparison.pairs) {
    const std::string difference = pair.bit_equal ? "0 (bit-equal)" : fmt::format("{:.3g}", pair.relative_difference);
    fmt::print(stream, "{:>5}  {:<16}  {:<24}  {:<24}  {}\n", pair.epoch, pair.name,
               format_value(pair.original, pair.in_original), format_value(pair.rerun, pair.in_rerun), difference);
  }
  if (comparison.rerun_epochs > comparison.original_epochs) {
    fmt::print(stream, "run {} recorded {} epoch(s) and run {} recorded {}; only the first {} are compared\n",
               original_run, comparison.original_epochs, rerun_run, comparison.rerun_epochs,
               comparison.original_epochs);
  }

  fmt::print(stream, "\nverdict: {}", to_string(comparison.verdict));
  if (comparison.verdict == Verdict::kWithinTolerance) {
    fmt::print(stream, " (max relative difference {:.3g} <= tolerance {:g})", comparison.max_relative_difference,
               tolerance);
  }
  if (comparison.verdict == Verdict::kDiffers) {
    const MetricPair& first = comparison.pairs[*comparison.first_difference];
    fmt::print(stream, " from epoch {}, {}: {} in run {} vs {} in run {} (relative difference {:.3g} > tolerance {:g})",
               first.epoch, first.name, format_value(first.original, first.in_original), original_run,
               format_value(first.rerun, first.in_rerun), rerun_run, first.relative_difference, tolerance);
  }
  fmt::print(stream, "\n");
}

}  // namespace runner::train
