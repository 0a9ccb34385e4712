#include "runner/train/summary_table.h"

#include <cmath>

#include <fmt/format.h>

namespace runner::train {

void print_summary_table(FILE* stream, const std::vector<EpochMetrics>& epochs) {
  fmt::print(stream, "\n{:>5}  {:>10}  {:>9}  {:>9}  {:>8}  {:>8}  {:>8}\n", "epoch", "train_loss", "test_loss",
             "train_acc", "test_acc", "seconds", "img/s");
  for (const auto& m : epochs) {
    const std::string train_accuracy = std::isnan(m.train_accuracy) ? "-" : fmt::format("{:.4f}", m.train_accuracy);
    fmt::print(stream, "{:>5}  {:>10.4f}  {:>9.4f}  {:>9}  {:>8.4f}  {:>8.1f}  {:>8.0f}\n", m.epoch, m.train_loss,
               m.test_loss, train_accuracy, m.test_accuracy, m.seconds, m.images_per_second);
  }
}

}  // namespace runner::train
