#include "runner/language/word2vec_sentence.h"

#include <algorithm>

#include "runner/language/word2vec_update.h"

namespace runner::language {

namespace {

float* row_of(float* matrix, int32_t word, int64_t dim) {
  return matrix + static_cast<int64_t>(word) * dim;
}

// b in [1, context]: the half-width of this centre word's window.
int64_t draw_window(int64_t context, std::mt19937_64& generator) {
  return 1 + static_cast<int64_t>(generator() % static_cast<uint64_t>(context));
}

SentenceLoss train_skipgram(const Word2VecConfig& config, const std::vector<int32_t>& tokens,
                            const EmbeddingRows& rows, float learning_rate, const NegativeSampler& sampler,
                            std::mt19937_64& generator, SentenceScratch& scratch) {
  SentenceLoss loss;
  const auto length = static_cast<int64_t>(tokens.size());
  const int64_t dim = rows.dim;
  for (int64_t centre = 0; centre < length; ++centre) {
    const int64_t window = draw_window(config.context, generator);
    float* centre_row = row_of(rows.input, tokens[centre], dim);
    const int64_t first = std::max<int64_t>(0, centre - window);
    const int64_t last = std::min<int64_t>(length - 1, centre + window);

    for (int64_t position = first; position <= last; ++position) {
      if (position == centre) continue;
      const int32_t target = tokens[position];
      sampler.draw(target, scratch.negatives.data(), config.negatives, generator);

      std::fill(scratch.hidden_step.begin(), scratch.hidden_step.end(), 0.0f);
      loss.sum += negative_sampling_step(centre_row, scratch.hidden_step.data(), rows.output, dim, target,
                                         scratch.negatives.data(), config.negatives, learning_rate);
      loss.examples += 1;
      add_scaled(centre_row, scratch.hidden_step.data(), 1.0f, dim);
    }
  }
  return loss;
}

SentenceLoss train_cbow(const Word2VecConfig& config, const std::vector<int32_t>& tokens, const EmbeddingRows& rows,
                        float learning_rate, const NegativeSampler& sampler, std::mt19937_64& generator,
                        SentenceScratch& scratch) {
  SentenceLoss loss;
  const auto length = static_cast<int64_t>(tokens.size());
  const int64_t dim = rows.dim;
  for (int64_t centre = 0; centre < length; ++centre) {
    const int64_t window = draw_window(config.context, generator);
    const int64_t first = std::max<int64_t>(0, centre - window);
    const int64_t last = std::min<int64_t>(length - 1, centre + window);
    if (first == last) continue;  // a piece of one word has no context

    // hidden (dim) = mean of the context words' input vectors.
    std::fill(scratch.hidden.begin(), scratch.hidden.end(), 0.0f);
    for (int64_t position = first; position <= last; ++position) {
      if (position != centre) add_scaled(scratch.hidden.data(), row_of(rows.input, tokens[position], dim), 1.0f, dim);
    }
    const auto context_words = static_cast<float>(last - first);
    for (float& value : scratch.hidden) value /= context_words;

    const int32_t target = tokens[centre];
    sampler.draw(target, scratch.negatives.data(), config.negatives, generator);
    std::fill(scratch.hidden_step.begin(), scratch.hidden_step.end(), 0.0f);
    loss.sum += negative_sampling_step(scratch.hidden.data(), scratch.hidden_step.data(), rows.output, dim, target,
                                       scratch.negatives.data(), config.negatives, learning_rate);
    loss.examples += 1;

    for (int64_t position = first; position <= last; ++position) {
      if (position != centre) add_scaled(row_of(rows.input, tokens[position], dim), scratch.hidden_step.data(), 1.0f, dim);
    }
  }
  return loss;
}

}  // namespace

SentenceLoss train_sentence(const Word2VecConfig& config, const std::vector<int32_t>& tokens, const EmbeddingRows& rows,
                            float learning_rate, const NegativeSampler& sampler, std::mt19937_64& generator,
                            SentenceScratch& scratch) {
  if (config.architecture == Word2VecArchitecture::kCbow) {
    return train_cbow(config, tokens, rows, learning_rate, sampler, generator, scratch);
  }
  return train_skipgram(config, tokens, rows, learning_rate, sampler, generator, scratch);
}

}  // namespace runner::language
