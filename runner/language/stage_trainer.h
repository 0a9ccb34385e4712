// The training loop of one stage, the same for every task: draw windows, take optimizer steps,
// evaluate on a fixed held-out slice every `log_every` steps and at the end of each epoch.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/optim/optimizer.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "results/metric_names.h"
#include "runner/language/language_task.h"
#include "runner/language/text_config.h"
#include "runner/language/word2vec_self_updating_task.h"

namespace runner::language {

// Metric names of the language tasks, in `metrics` and `step_metrics`. The views know train_loss,
// seconds and learning_rate (the image trainer's names) and held_out_loss and perplexity.
using results::kHeldOutLoss;
using results::kPerplexity;
inline constexpr const char* kWindowsPerSecond = "windows_per_second";

using MetricList = std::vector<std::pair<std::string, double>>;

// The destination of the loop's numbers: the results database in a run, or a vector in a test.
class StageLog {
 public:
  virtual ~StageLog() = default;
  virtual void log_step(int64_t step, int64_t epoch, const MetricList& metrics) = 0;
  virtual void log_epoch(int64_t epoch, const MetricList& metrics) = 0;
};

struct StageOutcome {
  int64_t steps_done = 0;
  int64_t epochs_done = 0;
  // Set when the training loss became NaN or infinite; training stopped at that check.
  bool diverged = false;
  int64_t diverged_step = 0;
  int64_t diverged_epoch = 0;
  std::string divergence;          // "training loss became NaN by step 1200 (epoch 1)"
  std::vector<MetricList> epochs;  // what log_epoch received, for the summary
};

// The schedule a self-updating task (word2vec's negative sampling) trains with in this stage.
SelfUpdateSchedule self_update_schedule(const StageConfig& stage, const LanguageTask& task, int threads);

class StageTrainer {
 public:
  // `threads` goes to a task that runs its own update threads. `print` writes one line per log
  // and per epoch to stderr.
  StageTrainer(const StageConfig& stage, LanguageTask& task, uint64_t seed, int threads, bool print);

  // Trains the whole stage. Throws Interrupted after a signal, and std::invalid_argument when a
  // self-updating task rejects the optimizer settings.
  StageOutcome run(StageLog& log);

  // The mean loss over the fixed held-out slice, or NaN when the held-out part has no window.
  double held_out_loss();

 private:
  // Trains `count` steps and returns the sum of their losses, weighted by batch size, and the
  // number of windows seen.
  std::pair<double, int64_t> train(int64_t count, int64_t epoch_step);
  torch::Tensor next_positions(int64_t epoch_step);
  void clip_gradients();
  // The metrics of the steps since the last row, with the held-out loss after `step` steps.
  MetricList interval_metrics(double train_loss, double seconds, int64_t windows, int64_t step);

  const StageConfig& stage_;
  LanguageTask& task_;
  int threads_;
  bool print_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;  // null for a self-updating task
  at::Generator order_generator_;
  torch::Tensor epoch_order_;           // (train windows,) int64: this epoch's shuffled positions
  torch::Tensor evaluation_positions_;  // (evaluated windows,) int64, fixed for the whole stage
  int64_t evaluated_step_ = -1;         // the step after which evaluated_loss_ was measured
  double evaluated_loss_ = 0.0;
};

}  // namespace runner::language
