#include "runner/train/progress.h"

#include <unistd.h>

#include <cmath>

#include <fmt/format.h>

namespace runner::train {

namespace {

constexpr double kRedrawSeconds = 0.25;
constexpr int kBarWidth = 24;

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// "-" for a metric the epoch did not measure (NaN).
std::string format_metric(double value) {
  return std::isnan(value) ? std::string("-") : fmt::format("{:.4f}", value);
}

}  // namespace

std::string format_duration(double seconds) {
  const auto total = static_cast<int64_t>(std::llround(std::max(0.0, seconds)));
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

ProgressReporter::ProgressReporter(FILE* stream, bool interactive) : stream_(stream), interactive_(interactive) {}

ProgressReporter ProgressReporter::for_stderr() { return ProgressReporter(stderr, isatty(STDERR_FILENO) == 1); }

void ProgressReporter::start_epoch(int64_t epoch, int64_t epochs, int64_t total_images) {
  epoch_ = epoch;
  epochs_ = epochs;
  total_images_ = total_images;
  epoch_start_ = Clock::now();
  last_draw_ = epoch_start_;
}

void ProgressReporter::update(int64_t images_done, const std::function<double()>& running_loss) {
  if (!interactive_) return;
  const auto now = Clock::now();
  if (seconds_between(last_draw_, now) < kRedrawSeconds && images_done < total_images_) return;
  last_draw_ = now;

  const double elapsed = seconds_between(epoch_start_, now);
  const double fraction = total_images_ > 0 ? static_cast<double>(images_done) / total_images_ : 1.0;
  const double rate = elapsed > 0 ? images_done / elapsed : 0.0;
  const double eta = rate > 0 ? (total_images_ - images_done) / rate : 0.0;
  const int filled = static_cast<int>(fraction * kBarWidth);

  const std::string bar = std::string(filled, '#') + std::string(kBarWidth - filled, '.');
  fmt::print(stream_, "\r\033[Kepoch {}/{} [{}] {:3.0f}% loss {:.4f} {:.0f} img/s ETA {}", epoch_, epochs_, bar,
             100.0 * fraction, running_loss(), rate, format_duration(eta));
  std::fflush(stream_);
}

void ProgressReporter::end_epoch(const EpochMetrics& m) {
  if (interactive_) fmt::print(stream_, "\r\033[K");
  fmt::print(stream_,
             "epoch {}/{} train_loss {:.4f} test_loss {} train_acc {} test_acc {} "
             "{:.1f}s {:.0f} img/s lr {:g}\n",
             m.epoch, epochs_, m.train_loss, format_metric(m.test_loss), format_metric(m.train_accuracy),
             format_metric(m.test_accuracy), m.seconds, m.images_per_second, m.learning_rate);
  std::fflush(stream_);
}

}  // namespace runner::train
