// task.type cbow or skipgram with `loss: softmax`: the lecture's CBOWEmbedder and SkipEmbedder. An
// embedding of the vocabulary feeds one linear layer to logits over the whole vocabulary, trained
// with cross-entropy by the driver's optimizer.
#pragma once

#include <memory>

#include "runner/language/language_task.h"
#include "runner/language/word2vec_config.h"

namespace runner::language {

std::unique_ptr<LanguageTask> make_word2vec_softmax_task(const Word2VecConfig& config, const TaskInputs& inputs);

}  // namespace runner::language
