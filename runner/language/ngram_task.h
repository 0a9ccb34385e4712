// task.type ngram: the lecture's n-gram predictor. The embeddings of the `context` previous tokens
// are concatenated and go through one hidden layer to logits over the vocabulary.
#pragma once

#include <memory>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"

namespace runner::language {

// Reads task.context, task.embedding_dim and task.hidden.
std::unique_ptr<LanguageTask> make_ngram_task(const config::ConfigNode& task_section, const TaskInputs& inputs);

}  // namespace runner::language
