// An extension of LanguageTask for tasks that update their own weights with a hand-written SGD rule
// instead of the driver's LibTorch optimizer: word2vec's negative sampling (cbow and skipgram with
// `loss: negative_sampling`).
//
// A LibTorch autograd step per small batch is far too slow for word2vec, so these tasks run
// word2vec's own update, one thread per configured thread, each on its own slice of the training
// tokens. How the driver uses it, in place of steps 2 and 3 of the LanguageTask contract:
//
//   if (auto* self_updating = dynamic_cast<SelfUpdatingTask*>(&task)) {
//     self_updating->check_schedule(schedule);           // while validating the config
//     self_updating->start_training(schedule);           // once, before the first step
//     double loss = self_updating->train_steps(count);   // instead of loss/backward/optimizer step
//   }
//
// loss(kHeldOut, ...) and every other LanguageTask method work as usual. loss(kTrain, ...) also
// works and has gradients, so a driver that does not know this interface still trains the task
// with its optimizer, only much more slowly.
#pragma once

#include <cstdint>
#include <string>

#include "runner/language/language_task.h"

namespace runner::language {

// The run settings that a self-updating task needs from the driver.
struct SelfUpdateSchedule {
  // Steps of the whole stage: the learning rate decays linearly from learning_rate towards 0 over
  // them, as word2vec does.
  int64_t total_steps = 0;
  // Centre positions of the training tokens per step, shared among the threads.
  int64_t batch_size = 0;
  // optimizer.name and optimizer.lr. The update is plain SGD, so the name must be "sgd".
  std::string optimizer_name;
  double learning_rate = 0.0;
  // Worker threads, >= 1: the run's resolved `threads`.
  int threads = 1;
};

class SelfUpdatingTask : public LanguageTask {
 public:
  // Throws std::invalid_argument when the task cannot train with `schedule`, with a message that
  // starts with the config key at fault (e.g. "optimizer.name: ..."). A driver calls it before it
  // writes the run row, and reports the error as a ConfigError at that key, so that a bad config
  // leaves the database untouched.
  virtual void check_schedule(const SelfUpdateSchedule& schedule) const = 0;

  // Checks the schedule as check_schedule() does and stores it, before the first step.
  virtual void start_training(const SelfUpdateSchedule& schedule) = 0;

  // Runs the next `steps` steps, continuing where the previous call stopped and wrapping around to
  // the next epoch at the end of the training tokens. Returns the mean training loss per example
  // over these steps, for step_metrics.
  virtual double train_steps(int64_t steps) = 0;

  // The learning rate the next step starts with.
  virtual double learning_rate() const = 0;
};

}  // namespace runner::language
