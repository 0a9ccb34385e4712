// One SGD pass of negative sampling over one piece of kept tokens, for each architecture.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "runner/language/word2vec_config.h"
#include "runner/language/word2vec_sampling.h"

namespace runner::language {

// The two weight matrices the update writes to, both (vocabulary, dim) row-major float32.
struct EmbeddingRows {
  float* input = nullptr;   // the word vectors written to embedding.vec
  float* output = nullptr;  // the vectors each word has as a prediction target
  int64_t dim = 0;
};

// Buffers reused from piece to piece by one worker, so that training allocates nothing per word.
struct SentenceScratch {
  explicit SentenceScratch(int64_t dim, int64_t negatives)
      : hidden(static_cast<size_t>(dim)), hidden_step(static_cast<size_t>(dim)),
        negatives(static_cast<size_t>(negatives)) {}

  std::vector<float> hidden;       // (dim,) CBOW's mean of the context vectors
  std::vector<float> hidden_step;  // (dim,) the step for the hidden vector, summed over one centre word
  std::vector<int32_t> negatives;  // (negatives,)
};

struct SentenceLoss {
  double sum = 0.0;      // negative-sampling loss summed over examples
  int64_t examples = 0;  // skip-gram: (centre, context) pairs; CBOW: centre words
};

// Trains every word of `tokens` once as a centre word, at a fixed learning rate. For each centre
// word the window half-width b is drawn uniformly from [1, config.context].
//   Skip-gram: for each context word c, the centre's input vector predicts c against K negatives,
//   and the centre's input vector takes the step right after each pair, as fastText does.
//   CBOW: the mean of the context words' input vectors predicts the centre word, and each context
//   word's input vector takes the whole step for the mean. The exact derivative would give each of
//   the n context vectors 1/n of it. word2vec and fastText use the whole step, and so does this.
SentenceLoss train_sentence(const Word2VecConfig& config, const std::vector<int32_t>& tokens, const EmbeddingRows& rows,
                            float learning_rate, const NegativeSampler& sampler, std::mt19937_64& generator,
                            SentenceScratch& scratch);

}  // namespace runner::language
