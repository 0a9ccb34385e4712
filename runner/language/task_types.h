// The task types a text config can name in `task.type`, and the factory of each.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"

namespace runner::language {

// Every valid task.type, in the order docs/text.md lists them.
const std::vector<std::string>& task_type_names();

// True for the task types that predict the next token, which `runner generate` can sample from.
bool predicts_next_token(const std::string& type);

// Builds the task of `type` (one of task_type_names()) from its `task` section.
std::unique_ptr<LanguageTask> make_task(const std::string& type, const config::ConfigNode& task_section,
                                        const TaskInputs& inputs);

}  // namespace runner::language
