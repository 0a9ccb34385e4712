// The `task:` keys of the two word2vec architectures, `cbow` and `skipgram`.
//
//   task:
//     type: skipgram            # or cbow; read by the driver
//     context: 5                # words on each side of the centre word
//     embedding_dim: 100
//     loss: negative_sampling   # or softmax: the lecture's full softmax over the vocabulary
//     negatives: 5              # negative_sampling only: negative words per example
//     negative_power: 0.75      # negative_sampling only: negatives are drawn from counts^power
//     subsample: 1.0e-4         # negative_sampling only: frequent-word threshold t, 0 = keep every word
//     label_smoothing: 0.0      # softmax only
#pragma once

#include <cstdint>
#include <string>

#include "runner/config/config_node.h"

namespace runner::language {

enum class Word2VecArchitecture {
  kCbow,      // the mean of the context words' vectors predicts the centre word
  kSkipGram,  // the centre word's vector predicts each context word
};

enum class Word2VecLoss {
  kSoftmax,           // cross-entropy over the whole vocabulary, trained by the driver's optimizer
  kNegativeSampling,  // logistic loss on the true word and K sampled words, hand-written SGD
};

struct Word2VecConfig {
  Word2VecArchitecture architecture = Word2VecArchitecture::kSkipGram;
  Word2VecLoss loss = Word2VecLoss::kSoftmax;
  int64_t context = 5;  // words on each side
  int64_t embedding_dim = 100;
  int64_t negatives = 5;
  // 3/4 as in the lecture and word2vec. fastText builds its negative table from counts^0.5.
  double negative_power = 0.75;
  double subsample = 1e-4;  // 0 = off
  double label_smoothing = 0.0;
};

// The task type as written in `task.type` for `architecture`: "cbow" or "skipgram".
std::string task_type(Word2VecArchitecture architecture);

// Reads the keys above from the `task:` section (every key but `type` and `init_embedding`) and
// rejects unknown keys. A key that applies only to the other loss is rejected with a message that
// names the loss it belongs to.
Word2VecConfig parse_word2vec_config(const config::ConfigNode& task, Word2VecArchitecture architecture);

}  // namespace runner::language
