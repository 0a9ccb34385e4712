// Human-facing training output: a progress bar with loss, images/s and ETA on a terminal, and one
// plain line per epoch otherwise (logs, CI, pipes). SQLite is the record; this is only for watching.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace runner::train {

struct EpochMetrics {
  int64_t epoch = 0;  // 1-based
  double train_loss = 0.0;
  double test_loss = 0.0;
  double train_accuracy = 0.0;  // NaN when training accuracy is not measured
  double test_accuracy = 0.0;
  double seconds = 0.0;            // whole epoch, evaluation included
  double images_per_second = 0.0;  // training images over training time
  double learning_rate = 0.0;
  bool evaluated = true;  // false on epochs that training.eval_every skips: test and train accuracy are NaN
  // The first training step (counted from 1 at the run's first batch) whose loss was NaN or infinite;
  // 0 when every loss of the epoch was finite.
  int64_t first_non_finite_step = 0;
};

class ProgressReporter {
 public:
  // `interactive` draws a bar on `stream`; otherwise only one line per epoch is written.
  ProgressReporter(FILE* stream, bool interactive);
  static ProgressReporter for_stderr();  // interactive when stderr is a terminal

  void start_epoch(int64_t epoch, int64_t epochs, int64_t total_images);
  // Cheap to call every step: it redraws at most a few times per second, and only then calls
  // `running_loss`, which may synchronise with the device.
  void update(int64_t images_done, const std::function<double()>& running_loss);
  void end_epoch(const EpochMetrics& metrics);
  bool interactive() const { return interactive_; }

 private:
  using Clock = std::chrono::steady_clock;
  FILE* stream_;
  bool interactive_;
  int64_t epoch_ = 0;
  int64_t epochs_ = 0;
  int64_t total_images_ = 0;
  Clock::time_point epoch_start_;
  Clock::time_point last_draw_;
};

// "1:05" or "1:02:03".
std::string format_duration(double seconds);

}  // namespace runner::train
