// Compares the metrics of two runs of one config, epoch by epoch, for `runner rerun`.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "results/records.h"

namespace runner::train {

// True for metrics that measure time (seconds, images_per_second, ...), which no rerun reproduces.
bool is_timing_metric(const std::string& name);

// One metric of one epoch in both runs. A value that one run did not record is NaN, and its in_* flag
// is false.
struct MetricPair {
  int64_t epoch = 0;
  std::string name;
  double original = 0.0;
  double rerun = 0.0;
  bool in_original = true;
  bool in_rerun = true;
  bool bit_equal = false;
  // |original - rerun| / max(|original|, |rerun|): 0 when bit-equal, infinite when only one value is
  // NaN or missing.
  double relative_difference = 0.0;
};

enum class Verdict { kIdentical, kWithinTolerance, kDiffers };

struct RunComparison {
  std::vector<MetricPair> pairs;  // by epoch, then name; timing metrics left out
  Verdict verdict = Verdict::kIdentical;
  double max_relative_difference = 0.0;
  std::optional<size_t> first_difference;  // index in `pairs` of the first value beyond the tolerance
  int64_t original_epochs = 0;             // the last epoch each run recorded
  int64_t rerun_epochs = 0;
};

// Pairs the non-timing metrics of both runs. Epochs after the original's last one are left out, so an
// interrupted original compares against the same epochs of a finished rerun. An epoch or metric that
// the rerun lacks counts as a difference. `tolerance` is the largest relative difference accepted.
RunComparison compare_runs(const std::vector<results::MetricRow>& original,
                           const std::vector<results::MetricRow>& rerun, double tolerance);

// "identical", "within tolerance" or "differs".
std::string to_string(Verdict verdict);

// Prints one line per compared value and then the verdict line.
void print_comparison(FILE* stream, const RunComparison& comparison, int64_t original_run, int64_t rerun_run,
                      double tolerance);

}  // namespace runner::train
