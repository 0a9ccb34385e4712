#include "runner/train/summary_table.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace runner::train {

namespace {

// An epoch that training.eval_every skipped has NaN test metrics, shown as "-".
std::string format_metric(double value) { return std::isnan(value) ? std::string("-") : fmt::format("{:.4f}", value); }

}  // namespace

void print_summary_table(FILE* stream, const std::vector<EpochMetrics>& epochs) {
  fmt::print(stream, "\n{:>5}  {:>10}  {:>9}  {:>9}  {:>8}  {:>8}  {:>8}\n", "epoch", "train_loss", "test_loss",
             "train_acc", "test_acc", "seconds", "img/s");
  for (const auto& m : epochs) {
    fmt::print(stream, "{:>5}  {:>10.4f}  {:>9}  {:>9}  {:>8}  {:>8.1f}  {:>8.0f}\n", m.epoch, m.train_loss,
               format_metric(m.test_loss), format_metric(m.train_accuracy), format_metric(m.test_accuracy),
               m.seconds, m.images_per_second);
  }
}

void print_summary_line(FILE* stream, int64_t run_id, const EpochMetrics& last) {
  fmt::print(stream, "run {} completed: epoch {}  train_loss {:.4f}  test_loss {}  test_acc {}\n", run_id, last.epoch,
             last.train_loss, format_metric(last.test_loss), format_metric(last.test_accuracy));
}

}  // namespace runner::train
