// word2vec's training loop for negative sampling: plain SGD over the input and output vectors, one
// thread per worker, each walking its own contiguous slice of the training tokens.
//
// Each worker reads up to kSentenceTokens tokens of its slice at a time and drops frequent words
// (Subsampler). It trains every remaining word as a centre word with a window of b words on each
// side, b drawn uniformly from [1, context]: word2vec's reduced window, which weights near words
// more. Windows never cross the edge of such a piece, as they never cross a line in fastText.
//
// NOTE: with more than one worker the threads update the shared rows without locks ("Hogwild", as
// word2vec and fastText do). Updates to the same row can interleave, so multi-threaded runs are not
// bit-reproducible. With one worker every result depends only on the seed.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "runner/language/word2vec_config.h"
#include "runner/language/word2vec_sampling.h"
#include "runner/language/word2vec_sentence.h"

namespace runner::language {

// Tokens a worker reads before it trains on them; windows do not reach across this many tokens.
inline constexpr int64_t kSentenceTokens = 1000;

struct TrainerSchedule {
  int64_t total_positions = 0;  // centre positions of the whole stage (steps * batch_size)
  double learning_rate = 0.0;   // at the start; decays linearly to 0.01 % of it at the end
  int threads = 1;
};

// The state of one worker between calls: where it is in its slice, and its random generator.
struct Word2VecWorker {
  int64_t begin = 0;   // its slice of the training tokens, [begin, end)
  int64_t end = 0;
  int64_t cursor = 0;  // the next token to read
  std::mt19937_64 generator;

  // Per call: the loss summed over examples, and how many examples.
  double loss_sum = 0.0;
  int64_t examples = 0;
};

class NegativeSamplingTrainer {
 public:
  // `tokens` are the training token ids to walk (the caller leaves out the unknown token, as
  // word2vec leaves out words below its min count). `counts` (vocabulary,) are the training counts.
  // Throws std::invalid_argument when there are no tokens or fewer than two distinct counted words.
  NegativeSamplingTrainer(const Word2VecConfig& config, std::vector<int32_t> tokens,
                          const std::vector<int64_t>& counts, uint64_t seed);

  // Splits the tokens among min(threads, tokens) workers and seeds one generator per worker from
  // the seed given to the constructor. Resets the learning-rate schedule.
  void start(const TrainerSchedule& schedule);

  // Trains on the next `positions` token positions, shared among the workers, and returns the mean
  // loss per example (0 when no word was kept). Each position counts whether or not subsampling
  // dropped its word, so the schedule advances by exactly `positions`.
  double train(int64_t positions, const EmbeddingRows& rows);

  // The learning rate at the current point of the schedule.
  double learning_rate() const;
  int64_t token_count() const { return static_cast<int64_t>(tokens_.size()); }
  const Subsampler& subsampler() const { return subsampler_; }

 private:
  void run_worker(Word2VecWorker& worker, int64_t positions, const EmbeddingRows& rows) const;
  double learning_rate_at(int64_t positions_done) const;

  Word2VecConfig config_;
  std::vector<int32_t> tokens_;
  NegativeSampler negative_sampler_;
  Subsampler subsampler_;
  uint64_t seed_ = 0;

  TrainerSchedule schedule_;
  std::vector<Word2VecWorker> workers_;
  int64_t positions_done_ = 0;  // summed over all workers and calls
};

}  // namespace runner::language
