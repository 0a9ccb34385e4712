#include "runner/language/word2vec_task_factory.h"

#include "runner/language/word2vec_config.h"
#include "runner/language/word2vec_negative_sampling_task.h"
#include "runner/language/word2vec_softmax_task.h"

namespace runner::language {

namespace {

std::unique_ptr<LanguageTask> make_word2vec_task(const config::ConfigNode& task_section, const TaskInputs& inputs,
                                                 Word2VecArchitecture architecture) {
  const Word2VecConfig config = parse_word2vec_config(task_section, architecture);
  if (config.loss == Word2VecLoss::kNegativeSampling) return make_word2vec_negative_sampling_task(config, inputs);
  return make_word2vec_softmax_task(config, inputs);
}

}  // namespace

std::unique_ptr<LanguageTask> make_cbow_task(const config::ConfigNode& task_section, const TaskInputs& inputs) {
  return make_word2vec_task(task_section, inputs, Word2VecArchitecture::kCbow);
}

std::unique_ptr<LanguageTask> make_skipgram_task(const config::ConfigNode& task_section, const TaskInputs& inputs) {
  return make_word2vec_task(task_section, inputs, Word2VecArchitecture::kSkipGram);
}

}  // namespace runner::language
