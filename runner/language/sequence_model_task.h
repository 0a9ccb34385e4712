// task.type lstm_lm and transformer_lm: a window of `context` tokens goes through the task's own
// embedding, then through the layers of task.model (built by the layer registry), then through a
// linear output layer to logits over the vocabulary. task.model maps (context, embedding_dim) to one
// vector per window: an lstm's final state, or self-attention layers followed by flatten.
#pragma once

#include <memory>
#include <string>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"

namespace runner::language {

// Reads task.context, task.embedding_dim and task.model. `type` is "lstm_lm" or "transformer_lm":
// both build whatever task.model describes, and the type names the run's architecture.
std::unique_ptr<LanguageTask> make_sequence_model_task(const std::string& type, const config::ConfigNode& task_section,
                                                       const TaskInputs& inputs);

}  // namespace runner::language
