#include "runner/language/task_types.h"

#include <algorithm>
#include <stdexcept>

#include "runner/language/ngram_task.h"
#include "runner/language/sequence_model_task.h"
#include "runner/language/word2vec_task_factory.h"

namespace runner::language {

namespace {

const std::vector<std::string> kNextTokenTypes = {"ngram", "lstm_lm", "transformer_lm"};

}  // namespace

const std::vector<std::string>& task_type_names() {
  static const std::vector<std::string> kNames = {"cbow", "skipgram", "ngram", "lstm_lm", "transformer_lm"};
  return kNames;
}

bool predicts_next_token(const std::string& type) {
  return std::find(kNextTokenTypes.begin(), kNextTokenTypes.end(), type) != kNextTokenTypes.end();
}

std::unique_ptr<LanguageTask> make_task(const std::string& type, const config::ConfigNode& task_section,
                                        const TaskInputs& inputs) {
  if (type == "cbow") return make_cbow_task(task_section, inputs);
  if (type == "skipgram") return make_skipgram_task(task_section, inputs);
  if (type == "ngram") return make_ngram_task(task_section, inputs);
  if (type == "lstm_lm" || type == "transformer_lm") return make_sequence_model_task(type, task_section, inputs);
  // Config validation admits only the names of task_type_names().
  throw std::invalid_argument("make_task: unknown task type '" + type + "'");
}

}  // namespace runner::language
