// CBOW and skip-gram trained on a real slice of the King James text: losses fall, one thread
// repeats bit for bit, the held-out loss is fixed, and schedule errors name the config key.
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "embedding_test_corpus.h"
#include "runner/language/word2vec_self_updating_task.h"
#include "runner/language/word2vec_task_factory.h"
#include "runner/train/optimizer_factory.h"

namespace runner::language {
namespace {

using testing::build_task;
using testing::held_out_loss;
using testing::kjv_corpus;

constexpr int64_t kNegatives = 5;
constexpr const char* kSkipGramYaml =
    "{type: skipgram, loss: negative_sampling, context: 3, embedding_dim: 32, negatives: 5, subsample: 1.0e-3}";
constexpr const char* kCbowYaml =
    "{type: cbow, loss: negative_sampling, context: 3, embedding_dim: 32, negatives: 5, subsample: 1.0e-3}";

// Genesis 1 to 11: about 10,000 tokens, a vocabulary of about 700 words at min_count 2.
std::shared_ptr<const TokenCorpus> genesis_corpus() {
  static const std::shared_ptr<const TokenCorpus> corpus = kjv_corpus("gen1:1", "gen11:32");
  return corpus;
}

SelfUpdateSchedule schedule(int64_t total_steps, int threads, double learning_rate = 0.025) {
  SelfUpdateSchedule result;
  result.total_steps = total_steps;
  result.batch_size = 1000;
  result.optimizer_name = "sgd";
  result.learning_rate = learning_rate;
  result.threads = threads;
  return result;
}

// Trains `epochs` passes over the training tokens with a self-updating task; returns the training
// loss of the first and the last call.
std::pair<double, double> train_epochs(LanguageTask& task, int epochs, int threads, double learning_rate = 0.025) {
  auto* self_updating = dynamic_cast<SelfUpdatingTask*>(&task);
  EXPECT_NE(self_updating, nullptr) << "negative sampling must implement SelfUpdatingTask";
  if (self_updating == nullptr) return {0.0, 0.0};
  const int64_t steps_per_epoch = (task.positions(Split::kTrain) + 999) / 1000;
  self_updating->start_training(schedule(steps_per_epoch * epochs, threads, learning_rate));
  const double first = self_updating->train_steps(steps_per_epoch);
  double last = first;
  for (int epoch = 1; epoch < epochs; ++epoch) last = self_updating->train_steps(steps_per_epoch);
  return {first, last};
}

TEST(SkipGramNegativeSampling, LossFallsOnKjvSlice) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, kSkipGramYaml, corpus, 1);
  EXPECT_FALSE(task->loss_is_cross_entropy());

  // The output vectors start at 0, so every score is 0 and each example costs (1 + K) log 2.
  const double before = held_out_loss(*task);
  EXPECT_NEAR(before, (1 + kNegatives) * std::log(2.0), 1e-5);

  const auto [first, last] = train_epochs(*task, 5, 1);
  const double after = held_out_loss(*task);
  EXPECT_LT(last, first - 0.3) << "training loss of the first epoch " << first << ", of the fifth " << last;
  EXPECT_LT(after, before - 0.5) << "held-out loss before " << before << ", after " << after;
}

TEST(CbowNegativeSampling, LossFallsOnKjvSlice) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_cbow_task, kCbowYaml, corpus, 1);

  const double before = held_out_loss(*task);
  const auto [first, last] = train_epochs(*task, 5, 1, 0.05);
  const double after = held_out_loss(*task);
  EXPECT_LT(last, first - 0.3) << "training loss of the first epoch " << first << ", of the fifth " << last;
  EXPECT_LT(after, before - 0.5) << "held-out loss before " << before << ", after " << after;
}

TEST(SkipGramNegativeSampling, OneThreadRepeatsBitForBit) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto first = build_task(make_skipgram_task, kSkipGramYaml, corpus, 5);
  auto second = build_task(make_skipgram_task, kSkipGramYaml, corpus, 5);
  auto other_seed = build_task(make_skipgram_task, kSkipGramYaml, corpus, 6);
  train_epochs(*first, 2, 1);
  train_epochs(*second, 2, 1);
  train_epochs(*other_seed, 2, 1);

  EXPECT_TRUE(torch::equal(*first->embedding(), *second->embedding()));
  EXPECT_EQ(held_out_loss(*first), held_out_loss(*second));
  EXPECT_FALSE(torch::equal(*first->embedding(), *other_seed->embedding()));
}

TEST(SkipGramNegativeSampling, TwoThreadsTrainToo) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, kSkipGramYaml, corpus, 1);
  const double before = held_out_loss(*task);
  train_epochs(*task, 5, 2);
  const double after = held_out_loss(*task);
  EXPECT_TRUE(torch::isfinite(*task->embedding()).all().item<bool>());
  EXPECT_LT(after, before - 0.5) << "held-out loss before " << before << ", after " << after;
}

// Each held-out window draws its negatives from its own position's generator, so the loss of the
// whole held-out part equals the mean of the losses of its two halves, however it is batched.
TEST(SkipGramNegativeSampling, HeldOutLossIndependentOfBatching) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, kSkipGramYaml, corpus, 1);
  train_epochs(*task, 1, 1);

  torch::NoGradGuard no_grad;
  const int64_t count = task->positions(Split::kHeldOut) / 2 * 2;
  ASSERT_GT(count, 100);
  const torch::Tensor all = torch::arange(count, torch::kInt64);
  const double whole = task->loss(Split::kHeldOut, all).item<double>();
  const double front = task->loss(Split::kHeldOut, all.slice(0, 0, count / 2)).item<double>();
  const double back = task->loss(Split::kHeldOut, all.slice(0, count / 2, count)).item<double>();
  EXPECT_NEAR(whole, (front + back) / 2.0, 1e-5);
  EXPECT_EQ(whole, task->loss(Split::kHeldOut, all).item<double>());
}

// Evaluation without gradients computes the loss on the float rows; with gradients, LibTorch
// computes it. Both must give the same value for the same windows and negatives.
TEST(NegativeSamplingLoss, FloatPathMatchesLibTorch) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  for (const char* yaml : {kSkipGramYaml, kCbowYaml}) {
    auto task = build_task(yaml == kCbowYaml ? make_cbow_task : make_skipgram_task, yaml, corpus, 2);
    train_epochs(*task, 1, 1);
    const torch::Tensor positions = torch::arange(0, task->positions(Split::kHeldOut), 7, torch::kInt64);
    const double with_gradients = task->loss(Split::kHeldOut, positions).item<double>();
    torch::NoGradGuard no_grad;
    const double without_gradients = task->loss(Split::kHeldOut, positions).item<double>();
    EXPECT_NEAR(without_gradients, with_gradients, 1e-5 * with_gradients) << yaml;
  }
}

TEST(SkipGramNegativeSampling, RejectsAdamNamingOptimizerKey) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, kSkipGramYaml, corpus, 1);
  auto* self_updating = dynamic_cast<SelfUpdatingTask*>(task.get());
  ASSERT_NE(self_updating, nullptr);
  SelfUpdateSchedule adam = schedule(10, 1);
  adam.optimizer_name = "adam";
  try {
    self_updating->start_training(adam);
    FAIL() << "start_training accepted optimizer adam";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).rfind("optimizer.name: ", 0), 0u) << error.what();
    EXPECT_NE(std::string(error.what()).find("'adam'"), std::string::npos) << error.what();
  }
}

// The lecture's CBOWEmbedder: the driver's optimizer (the lecture's AdamW) on the full softmax.
TEST(CbowSoftmax, LossFallsWithAdamW) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_cbow_task, "{type: cbow, context: 2, embedding_dim: 32, label_smoothing: 0.001}",
                         corpus, 1);
  EXPECT_TRUE(task->loss_is_cross_entropy());
  EXPECT_EQ(dynamic_cast<SelfUpdatingTask*>(task.get()), nullptr);

  // A fresh model predicts about uniformly: cross-entropy near log(vocabulary).
  const double before = held_out_loss(*task);
  EXPECT_NEAR(before, std::log(static_cast<double>(corpus->vocabulary_size)), 0.2);

  config::OptimizerConfig adamw;
  adamw.name = "adamw";
  adamw.lr = 0.01;
  adamw.weight_decay = 0.01;
  auto optimizer = train::make_optimizer(adamw, task->parameters());
  torch::manual_seed(3);
  task->module().train();
  for (int step = 0; step < 60; ++step) {
    const torch::Tensor positions = torch::randint(task->positions(Split::kTrain), {64}, torch::kInt64);
    optimizer->zero_grad();
    task->loss(Split::kTrain, positions).backward();
    optimizer->step();
  }
  task->module().eval();
  const double after = held_out_loss(*task);
  EXPECT_LT(after, before - 1.0) << "held-out loss before " << before << ", after " << after;
}

TEST(SkipGramSoftmax, LossFallsWithAdam) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, "{type: skipgram, context: 2, embedding_dim: 32}", corpus, 1);
  const double before = held_out_loss(*task);

  config::OptimizerConfig adam;
  adam.lr = 0.01;
  auto optimizer = train::make_optimizer(adam, task->parameters());
  torch::manual_seed(4);
  for (int step = 0; step < 60; ++step) {
    const torch::Tensor positions = torch::randint(task->positions(Split::kTrain), {64}, torch::kInt64);
    optimizer->zero_grad();
    task->loss(Split::kTrain, positions).backward();
    optimizer->step();
  }
  const double after = held_out_loss(*task);
  EXPECT_LT(after, before - 0.5) << "held-out loss before " << before << ", after " << after;
}

// A driver that does not know SelfUpdatingTask trains negative sampling through autograd.
TEST(SkipGramNegativeSampling, AutogradFallbackLowersLoss) {
  auto corpus = genesis_corpus();
  ASSERT_NE(corpus, nullptr);
  auto task = build_task(make_skipgram_task, kSkipGramYaml, corpus, 1);
  const double before = held_out_loss(*task);

  config::OptimizerConfig adam;
  adam.lr = 0.01;
  auto optimizer = train::make_optimizer(adam, task->parameters());
  torch::manual_seed(5);
  for (int step = 0; step < 60; ++step) {
    const torch::Tensor positions = torch::randint(task->positions(Split::kTrain), {128}, torch::kInt64);
    optimizer->zero_grad();
    task->loss(Split::kTrain, positions).backward();
    optimizer->step();
  }
  const double after = held_out_loss(*task);
  EXPECT_LT(after, before - 0.3) << "held-out loss before " << before << ", after " << after;
}

}  // namespace
}  // namespace runner::language
