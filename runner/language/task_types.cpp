#include "runner/language/task_types.h"

#include <algorithm>
#include <stdexcept>

#include "runner/language/ngram_task.h"
#include "runner/language/sequence_model_task.h"

namespace runner::language {

namespace {

const std::vector<std::string> kNextTokenTypes = {"ngram", "lstm_lm", "transformer_lm"};

}  // namespace

const std::vector<std::string>& task_type_names() {
  // TODO: add cbow and skipgram when their factories land.
  static const std::vector<std::string> kNames = kNextTokenTypes;
  return kNames;
}

bool predicts_next_token(const std::string& type) {
  return std::find(kNextTokenTypes.begin(), kNextTokenTypes.end(), type) != kNextTokenTypes.end();
}

std::unique_ptr<LanguageTask> make_task(const std::string& type, const config::ConfigNode& task_section,
                                        const TaskInputs& inputs) {
  if (type == "ngram") return make_ngram_task(task_section, inputs);
  if (type == "lstm_lm" || type == "transformer_lm") return make_sequence_model_task(type, task_section, inputs);
  // Config validation admits only the names of task_type_names().
  throw std::invalid_argument("make_task: unknown task type '" + type + "'");
}

}  // namespace runner::language
