#include "runner/train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "runner/random_streams.h"
#include "runner/train/interrupt.h"
#include "runner/train/optimizer_factory.h"

namespace runner::train {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Trainer::Trainer(const config::ExperimentConfig& config, torch::nn::Sequential model, ImageTensors train,
                 ImageTensors test, BatchNormalizer normalizer, torch::Device device)
    : config_(config),
      model_(std::move(model)),
      train_(std::move(train)),
      test_(std::move(test)),
      normalizer_(std::move(normalizer)),
      device_(device),
      optimizer_(make_optimizer(config.optimizer, model_->parameters())),
      augmenter_(config.augmentation, derive_seed(config.seed, kAugmentationStream)),
      order_generator_(at::detail::createCPUGenerator(derive_seed(config.seed, kDataOrderStream))),
      first_non_finite_step_(torch::full({}, -1, torch::TensorOptions(torch::kInt64).device(device))) {}

TrainingState Trainer::training_state() {
  TrainingState state{*model_, *optimizer_, {}};
  state.generators.push_back({"data_order", order_generator_});
  state.generators.push_back({"augmentation", augmenter_.generator()});
  state.generators.push_back({"default_cpu", at::detail::getDefaultCPUGenerator()});
  if (device_.is_cuda()) state.generators.push_back({"cuda", at::globalContext().defaultGenerator(device_)});
  return state;
}

torch::Tensor Trainer::loss_of(const torch::Tensor& logits, const torch::Tensor& labels) const {
  namespace F = torch::nn::functional;
  // The model returns logits: cross_entropy applies log-softmax itself. (A softmax layer before this
  // loss, as in the lecture's code, squashes the gradients and slows training.)
  return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().label_smoothing(config_.loss.label_smoothing));
}

void Trainer::clip_gradients() {
  // The same rule as torch::nn::utils::clip_grad_norm_, kept on the device: that function returns the
  // norm as a double, which would synchronise with the device at every step.
  std::vector<torch::Tensor> norms;
  for (const auto& parameter : model_->parameters()) {
    if (parameter.grad().defined()) norms.push_back(parameter.grad().norm());
  }
  if (norms.empty()) return;
  const auto total_norm = torch::stack(norms).norm();
  const auto scale = (config_.training.grad_clip_norm / (total_norm + 1e-6)).clamp_max(1.0);
  for (auto& parameter : model_->parameters()) {
    if (parameter.grad().defined()) parameter.grad().mul_(scale);
  }
}

std::pair<double, double> Trainer::train_epoch(int64_t epoch, ProgressReporter& progress) {
  const auto start = std::chrono::steady_clock::now();
  const int64_t count = train_.size();
  const int64_t batch_size = config_.data.batch_size;
  const int64_t steps_per_epoch = (count + batch_size - 1) / batch_size;
  int64_t step = (epoch - 1) * steps_per_epoch;  // steps of earlier epochs, so numbering survives a resume
  const auto order = config_.data.shuffle ? torch::randperm(count, order_generator_, torch::kInt64).to(device_)
                                          : torch::arange(count, torch::TensorOptions(torch::kInt64).device(device_));
  auto loss_sum = torch::zeros({}, torch::TensorOptions(torch::kFloat64).device(device_));

  model_->train();
  for (int64_t begin = 0; begin < count; begin += batch_size) {
    throw_if_interrupted();
    const int64_t size = std::min(batch_size, count - begin);
    const auto indices = order.narrow(0, begin, size);

    // Fetch and prepare the batch.
    auto images = normalizer_(train_.images.index_select(0, indices));  // (N, C, H, W) float
    const auto labels = train_.labels.index_select(0, indices);         // (N)
    if (augmenter_.enabled()) images = augmenter_(images);

    // Forward, loss, backward, step.
    optimizer_->zero_grad();
    const auto logits = model_->forward(images);  // (N, classes)
    const auto loss = loss_of(logits, labels);
    loss.backward();
    if (config_.training.grad_clip_norm > 0.0) clip_gradients();
    optimizer_->step();

    // Meters stay on the device, and so does the check for a non-finite loss.
    ++step;
    const auto detached = loss.detach();
    loss_sum += detached.to(torch::kFloat64) * size;
    first_non_finite_step_.masked_fill_(detached.isfinite().logical_not() & first_non_finite_step_.lt(0), step);
    progress.update(begin + size, [&] { return loss_sum.item<double>() / static_cast<double>(begin + size); });
  }
  const double mean_loss = loss_sum.item<double>() / static_cast<double>(count);
  return {mean_loss, seconds_since(start)};
}

EvaluationResult Trainer::evaluate(const ImageTensors& set) {
  torch::NoGradGuard no_grad;
  model_->eval();
  const int64_t count = set.size();
  auto loss_sum = torch::zeros({}, torch::TensorOptions(torch::kFloat64).device(device_));
  auto correct = torch::zeros({}, torch::TensorOptions(torch::kInt64).device(device_));

  for (int64_t begin = 0; begin < count; begin += config_.data.test_batch_size) {
    const int64_t size = std::min(config_.data.test_batch_size, count - begin);
    const auto images = normalizer_(set.images.narrow(0, begin, size));
    const auto labels = set.labels.narrow(0, begin, size);
    const auto logits = model_->forward(images);
    loss_sum += loss_of(logits, labels).to(torch::kFloat64) * size;
    correct += logits.argmax(1).eq(labels).sum();
  }
  return {loss_sum.item<double>() / static_cast<double>(count),
          static_cast<double>(correct.item<int64_t>()) / static_cast<double>(count)};
}

EpochMetrics Trainer::run_epoch(int64_t epoch, ProgressReporter& progress, bool evaluate_now) {
  const auto start = std::chrono::steady_clock::now();
  progress.start_epoch(epoch, config_.training.epochs, train_.size());

  EpochMetrics metrics;
  metrics.epoch = epoch;
  metrics.learning_rate = current_learning_rate(*optimizer_);
  const auto [train_loss, train_seconds] = train_epoch(epoch, progress);
  metrics.train_loss = train_loss;
  metrics.images_per_second = static_cast<double>(train_.size()) / train_seconds;
  metrics.first_non_finite_step = std::max<int64_t>(first_non_finite_step_.item<int64_t>(), 0);

  constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();
  metrics.evaluated = evaluate_now;
  metrics.test_loss = kNotMeasured;
  metrics.test_accuracy = kNotMeasured;
  metrics.train_accuracy = kNotMeasured;
  if (evaluate_now) {
    const EvaluationResult test = evaluate(test_);
    metrics.test_loss = test.loss;
    metrics.test_accuracy = test.accuracy;
    if (config_.training.train_accuracy) metrics.train_accuracy = evaluate(train_).accuracy;
  }
  metrics.seconds = seconds_since(start);
  return metrics;
}

}  // namespace runner::train
