#include "runner/language/stage_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <fmt/format.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "results/metric_names.h"
#include "runner/language/word2vec_self_updating_task.h"
#include "runner/random_streams.h"
#include "runner/train/interrupt.h"
#include "runner/train/optimizer_factory.h"

namespace runner::language {

namespace {

using Clock = std::chrono::steady_clock;

// Windows per forward pass when evaluating: large enough to keep the matrix products efficient, small
// enough that the (windows, vocabulary) logits stay around 25 MB for a 13,000-word vocabulary.
constexpr int64_t kEvaluationBatch = 512;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string describe_loss(double loss) { return std::isnan(loss) ? std::string("NaN") : fmt::format("{}", loss); }

// Steps in one epoch; with training.steps the whole stage is one epoch.
int64_t steps_per_epoch(const StageConfig& stage, const LanguageTask& task) {
  if (stage.training.steps > 0) return stage.training.steps;
  const int64_t windows = task.positions(Split::kTrain);
  return (windows + stage.training.batch_size - 1) / stage.training.batch_size;
}

int64_t total_steps(const StageConfig& stage, const LanguageTask& task) {
  return stage.training.steps > 0 ? stage.training.steps : stage.training.epochs * steps_per_epoch(stage, task);
}

}  // namespace

StageTrainer::StageTrainer(const StageConfig& stage, LanguageTask& task, uint64_t seed, int threads, bool print)
    : stage_(stage),
      task_(task),
      threads_(threads),
      print_(print),
      order_generator_(at::detail::createCPUGenerator(derive_seed(seed, kDataOrderStream))) {
  if (dynamic_cast<SelfUpdatingTask*>(&task_) == nullptr) {
    optimizer_ = train::make_optimizer(stage_.optimizer, task_.parameters());
  }

  // The held-out windows evaluated at every log and epoch end: all of them, or eval_windows spread
  // evenly over the held-out part so that the slice samples all of it.
  const int64_t available = task_.positions(Split::kHeldOut);
  const int64_t requested = stage_.training.eval_windows;
  evaluation_positions_ = torch::arange(available, torch::kInt64);
  if (requested > 0 && requested < available) {
    evaluation_positions_ = torch::div(torch::arange(requested, torch::kInt64) * available, requested, "floor");
  }
}

SelfUpdateSchedule self_update_schedule(const StageConfig& stage, const LanguageTask& task, int threads) {
  SelfUpdateSchedule schedule;
  schedule.total_steps = total_steps(stage, task);
  schedule.batch_size = stage.training.batch_size;
  schedule.optimizer_name = stage.optimizer.name;
  schedule.learning_rate = stage.optimizer.lr;
  schedule.threads = threads;
  return schedule;
}

torch::Tensor StageTrainer::next_positions(int64_t epoch_step) {
  const int64_t batch = stage_.training.batch_size;
  if (stage_.training.steps > 0) {
    // Uniform draws with replacement, as the lecture's loops do.
    return torch::randint(0, task_.positions(Split::kTrain), {batch}, order_generator_, torch::kInt64);
  }
  const int64_t begin = epoch_step * batch;
  return epoch_order_.narrow(0, begin, std::min(batch, epoch_order_.size(0) - begin));
}

void StageTrainer::clip_gradients() {
  // The rule of torch::nn::utils::clip_grad_norm_, kept on the device: that function returns the
  // norm as a double, which would synchronise with the device at every step.
  std::vector<torch::Tensor> norms;
  for (const auto& parameter : task_.parameters()) {
    if (parameter.grad().defined()) norms.push_back(parameter.grad().norm());
  }
  if (norms.empty()) return;
  const auto total_norm = torch::stack(norms).norm();
  const auto scale = (stage_.training.grad_clip_norm / (total_norm + 1e-6)).clamp_max(1.0);
  for (auto& parameter : task_.parameters()) {
    if (parameter.grad().defined()) parameter.grad().mul_(scale);
  }
}

std::pair<double, int64_t> StageTrainer::train(int64_t count, int64_t epoch_step) {
  if (auto* self_updating = dynamic_cast<SelfUpdatingTask*>(&task_)) {
    train::throw_if_interrupted();
    const double mean_loss = self_updating->train_steps(count);
    const int64_t windows = count * stage_.training.batch_size;
    return {mean_loss * static_cast<double>(windows), windows};
  }

  task_.module().train();
  torch::Tensor loss_sum;  // on the task's device, read once at the end
  int64_t windows = 0;
  for (int64_t step = 0; step < count; ++step) {
    train::throw_if_interrupted();
    const torch::Tensor positions = next_positions(epoch_step + step);  // (batch,)

    optimizer_->zero_grad();
    const torch::Tensor loss = task_.loss(Split::kTrain, positions);
    loss.backward();
    if (stage_.training.grad_clip_norm > 0.0) clip_gradients();
    optimizer_->step();

    const torch::Tensor weighted = loss.detach().to(torch::kFloat64) * positions.size(0);
    loss_sum = loss_sum.defined() ? loss_sum + weighted : weighted;
    windows += positions.size(0);
  }
  return {loss_sum.defined() ? loss_sum.item<double>() : 0.0, windows};
}

double StageTrainer::held_out_loss() {
  const int64_t count = evaluation_positions_.size(0);
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();

  torch::NoGradGuard no_grad;
  task_.module().eval();
  double sum = 0.0;
  for (int64_t begin = 0; begin < count; begin += kEvaluationBatch) {
    const torch::Tensor positions = evaluation_positions_.narrow(0, begin, std::min(kEvaluationBatch, count - begin));
    sum += task_.loss(Split::kHeldOut, positions).item<double>() * static_cast<double>(positions.size(0));
  }
  task_.module().train();
  return sum / static_cast<double>(count);
}

MetricList StageTrainer::interval_metrics(double train_loss, double seconds, int64_t windows, int64_t step) {
  MetricList metrics = {{results::kTrainLoss, train_loss}};
  // The epoch end of a stage often falls on a log step, and the weights are the same at both.
  if (step != evaluated_step_) {
    evaluated_loss_ = held_out_loss();
    evaluated_step_ = step;
  }
  const double held_out = evaluated_loss_;
  if (!std::isnan(held_out)) {
    metrics.emplace_back(kHeldOutLoss, held_out);
    if (task_.loss_is_cross_entropy()) metrics.emplace_back(kPerplexity, std::exp(held_out));
  }
  metrics.emplace_back(kWindowsPerSecond, seconds > 0.0 ? static_cast<double>(windows) / seconds : 0.0);
  auto* self_updating = dynamic_cast<SelfUpdatingTask*>(&task_);
  metrics.emplace_back(results::kLearningRate, self_updating != nullptr ? self_updating->learning_rate()
                                                                        : train::current_learning_rate(*optimizer_));
  return metrics;
}

namespace {

std::string format_metrics(const MetricList& metrics) {
  std::string text;
  for (const auto& [name, value] : metrics) text += fmt::format("  {} {:.5g}", name, value);
  return text;
}

}  // namespace

StageOutcome StageTrainer::run(StageLog& log) {
  const int64_t epochs = stage_.training.steps > 0 ? 1 : stage_.training.epochs;
  const int64_t per_epoch = steps_per_epoch(stage_, task_);
  const int64_t log_every = stage_.training.log_every;
  if (auto* self_updating = dynamic_cast<SelfUpdatingTask*>(&task_)) {
    self_updating->start_training(self_update_schedule(stage_, task_, threads_));
  }

  StageOutcome outcome;
  const auto check_finite = [&](double train_loss, int64_t epoch) {
    if (std::isfinite(train_loss)) return true;
    outcome.diverged = true;
    outcome.diverged_step = outcome.steps_done;
    outcome.diverged_epoch = epoch;
    outcome.divergence = fmt::format("training loss became {} by step {} (epoch {})", describe_loss(train_loss),
                                     outcome.steps_done, epoch);
    return false;
  };

  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    if (stage_.training.steps == 0) {
      epoch_order_ = torch::randperm(task_.positions(Split::kTrain), order_generator_, torch::kInt64);
    }
    double epoch_loss = 0.0;
    int64_t epoch_windows = 0;
    double epoch_train_seconds = 0.0;
    double interval_loss = 0.0;
    int64_t interval_windows = 0;
    double interval_seconds = 0.0;

    for (int64_t epoch_step = 0; epoch_step < per_epoch;) {
      // Train up to the next log point or the end of the epoch, whichever comes first.
      int64_t count = per_epoch - epoch_step;
      if (log_every > 0) count = std::min(count, log_every - outcome.steps_done % log_every);
      const auto start = Clock::now();
      const auto [loss_sum, windows] = train(count, epoch_step);
      const double seconds = seconds_since(start);
      epoch_step += count;
      outcome.steps_done += count;
      epoch_loss += loss_sum;
      epoch_windows += windows;
      epoch_train_seconds += seconds;
      interval_loss += loss_sum;
      interval_windows += windows;
      interval_seconds += seconds;

      if (log_every > 0 && outcome.steps_done % log_every == 0) {
        const double train_loss = interval_loss / static_cast<double>(interval_windows);
        if (!check_finite(train_loss, epoch)) return outcome;
        const MetricList metrics = interval_metrics(train_loss, interval_seconds, interval_windows, outcome.steps_done);
        log.log_step(outcome.steps_done, epoch, metrics);
        if (print_) {
          fmt::print(stderr, "step {}/{}  epoch {}{}\n", outcome.steps_done, total_steps(stage_, task_), epoch,
                     format_metrics(metrics));
        }
        interval_loss = 0.0;
        interval_windows = 0;
        interval_seconds = 0.0;
      }
    }

    const double train_loss = epoch_loss / static_cast<double>(std::max<int64_t>(epoch_windows, 1));
    if (!check_finite(train_loss, epoch)) return outcome;
    MetricList metrics = interval_metrics(train_loss, epoch_train_seconds, epoch_windows, outcome.steps_done);
    metrics.emplace_back(results::kEpochSeconds, seconds_since(epoch_start));
    log.log_epoch(epoch, metrics);
    if (print_) fmt::print(stderr, "epoch {}/{} done{}\n", epoch, epochs, format_metrics(metrics));
    outcome.epochs_done = epoch;
    outcome.epochs.push_back(std::move(metrics));
  }
  return outcome;
}

}  // namespace runner::language
