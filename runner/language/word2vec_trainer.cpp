#include "runner/language/word2vec_trainer.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "runner/random_streams.h"

namespace runner::language {

namespace {

// The learning rate never decays below this fraction of its start, as in word2vec.
constexpr double kMinimumLearningRateFraction = 1e-4;

std::vector<int32_t> checked_tokens(std::vector<int32_t> tokens) {
  if (tokens.empty()) {
    throw std::invalid_argument("negative sampling has no training tokens: every token is the unknown token");
  }
  return tokens;
}

}  // namespace

NegativeSamplingTrainer::NegativeSamplingTrainer(const Word2VecConfig& config, std::vector<int32_t> tokens,
                                                 const std::vector<int64_t>& counts, uint64_t seed)
    : config_(config),
      tokens_(checked_tokens(std::move(tokens))),
      negative_sampler_(counts, config.negative_power),
      subsampler_(counts, config.subsample),
      seed_(seed) {}

void NegativeSamplingTrainer::start(const TrainerSchedule& schedule) {
  schedule_ = schedule;
  positions_done_ = 0;

  // More workers than tokens would leave some with an empty slice.
  const int64_t count = std::clamp<int64_t>(schedule.threads, 1, token_count());
  workers_.assign(static_cast<size_t>(count), Word2VecWorker{});
  for (int64_t index = 0; index < count; ++index) {
    Word2VecWorker& worker = workers_[static_cast<size_t>(index)];
    worker.begin = token_count() * index / count;
    worker.end = token_count() * (index + 1) / count;
    worker.cursor = worker.begin;
    worker.generator.seed(derive_seed(seed_, fmt::format("word2vec_worker_{}", index)));
  }
}

double NegativeSamplingTrainer::learning_rate_at(int64_t positions_done) const {
  const double total = static_cast<double>(std::max<int64_t>(schedule_.total_positions, 1));
  const double remaining = 1.0 - static_cast<double>(positions_done) / total;
  return schedule_.learning_rate * std::max(remaining, kMinimumLearningRateFraction);
}

double NegativeSamplingTrainer::learning_rate() const {
  return learning_rate_at(positions_done_);
}

void NegativeSamplingTrainer::run_worker(Word2VecWorker& worker, int64_t positions, const EmbeddingRows& rows) const {
  SentenceScratch scratch(rows.dim, config_.negatives);
  std::vector<int32_t> kept_tokens;
  kept_tokens.reserve(static_cast<size_t>(kSentenceTokens));
  const auto workers = static_cast<int64_t>(workers_.size());

  int64_t done = 0;
  while (done < positions) {
    const int64_t length = std::min({positions - done, kSentenceTokens, worker.end - worker.cursor});

    kept_tokens.clear();
    for (int64_t i = worker.cursor; i < worker.cursor + length; ++i) {
      const int32_t word = tokens_[static_cast<size_t>(i)];
      if (subsampler_.keep(word, worker.generator)) kept_tokens.push_back(word);
    }

    // The workers advance at the same rate, so this worker's progress times their number estimates
    // the whole run's, without sharing a counter. With one worker it is exact.
    const auto learning_rate = static_cast<float>(learning_rate_at(positions_done_ + done * workers));
    const SentenceLoss loss =
        train_sentence(config_, kept_tokens, rows, learning_rate, negative_sampler_, worker.generator, scratch);
    worker.loss_sum += loss.sum;
    worker.examples += loss.examples;

    done += length;
    worker.cursor += length;
    if (worker.cursor == worker.end) worker.cursor = worker.begin;  // the next epoch
  }
}

double NegativeSamplingTrainer::train(int64_t positions, const EmbeddingRows& rows) {
  if (workers_.empty()) throw std::logic_error("NegativeSamplingTrainer::train called before start()");
  const auto workers = static_cast<int64_t>(workers_.size());

  // Worker i takes positions / workers, and the first positions % workers take one more.
  std::vector<int64_t> shares(workers_.size(), positions / workers);
  for (int64_t index = 0; index < positions % workers; ++index) shares[static_cast<size_t>(index)] += 1;
  for (auto& worker : workers_) {
    worker.loss_sum = 0.0;
    worker.examples = 0;
  }

  if (workers == 1) {
    run_worker(workers_[0], shares[0], rows);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(workers_.size());
    for (size_t index = 0; index < workers_.size(); ++index) {
      threads.emplace_back([this, index, &shares, &rows] { run_worker(workers_[index], shares[index], rows); });
    }
    for (auto& thread : threads) thread.join();
  }
  positions_done_ += positions;

  double loss_sum = 0.0;
  int64_t examples = 0;
  for (const auto& worker : workers_) {
    loss_sum += worker.loss_sum;
    examples += worker.examples;
  }
  return examples > 0 ? loss_sum / static_cast<double>(examples) : 0.0;
}

}  // namespace runner::language
