// task.type cbow or skipgram with `loss: negative_sampling`: word2vec's input and output vectors,
// trained by its hand-written SGD update (see word2vec_trainer.h) through SelfUpdatingTask.
//
// The training loss is the negative-sampling loss of word2vec_update.h, per example, with reduced
// windows and subsampling. The held-out loss is the same loss on whole windows of the held-out
// tokens, with the full window and no subsampling. Its negatives come from a generator seeded by
// the run seed and the window's position, so they are the same at every epoch and batch size.
#pragma once

#include <memory>

#include "runner/language/word2vec_config.h"
#include "runner/language/word2vec_self_updating_task.h"

namespace runner::language {

std::unique_ptr<LanguageTask> make_word2vec_negative_sampling_task(const Word2VecConfig& config,
                                                                   const TaskInputs& inputs);

}  // namespace runner::language
