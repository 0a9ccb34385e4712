// The factories of task.type cbow and skipgram, for the task table of task_types.cpp. Each reads
// the keys of word2vec_config.h and builds the softmax or the negative-sampling task.
#pragma once

#include <memory>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"

namespace runner::language {

std::unique_ptr<LanguageTask> make_cbow_task(const config::ConfigNode& task_section, const TaskInputs& inputs);
std::unique_ptr<LanguageTask> make_skipgram_task(const config::ConfigNode& task_section, const TaskInputs& inputs);

}  // namespace runner::language
