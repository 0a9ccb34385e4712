#include "runner/language/word2vec_config.h"

#include <vector>

#include <fmt/format.h>

namespace runner::language {

namespace {

using config::Range;

// Rejects, by name, each key that belongs to the loss not chosen, so that the error for `negatives`
// under `loss: softmax` explains why it does not apply instead of calling it unknown.
void reject_keys_of_other_loss(const config::ConfigNode& task, Word2VecLoss loss) {
  const std::vector<std::string> negative_sampling_only = {"negatives", "negative_power", "subsample"};
  const std::vector<std::string> softmax_only = {"label_smoothing"};
  const bool is_softmax = loss == Word2VecLoss::kSoftmax;
  for (const auto& key : is_softmax ? negative_sampling_only : softmax_only) {
    if (!task.has(key)) continue;
    task.fail(key,
              fmt::format("applies only to loss: {}, not {}", is_softmax ? "negative_sampling" : "softmax",
                          is_softmax ? "softmax" : "negative_sampling"),
              "remove it or change task.loss");
  }
}

}  // namespace

std::string task_type(Word2VecArchitecture architecture) {
  return architecture == Word2VecArchitecture::kCbow ? "cbow" : "skipgram";
}

Word2VecConfig parse_word2vec_config(const config::ConfigNode& task, Word2VecArchitecture architecture) {
  Word2VecConfig config;
  config.architecture = architecture;
  config.context = task.get_int("context", 5, Range::at_least(1));
  config.embedding_dim = task.get_int("embedding_dim", 100, Range::at_least(1));

  const std::string loss = task.get_choice("loss", "softmax", {"softmax", "negative_sampling"});
  config.loss = loss == "softmax" ? Word2VecLoss::kSoftmax : Word2VecLoss::kNegativeSampling;
  reject_keys_of_other_loss(task, config.loss);

  if (config.loss == Word2VecLoss::kNegativeSampling) {
    config.negatives = task.get_int("negatives", 5, Range::at_least(1));
    config.negative_power = task.get_double("negative_power", 0.75, Range::between(0.0, 1.0));
    config.subsample = task.get_double("subsample", 1e-4, Range::between(0.0, 1.0));
  } else {
    config.label_smoothing = task.get_double("label_smoothing", 0.0, Range{0.0, 1.0, false, true});
  }
  task.check_unknown_keys();
  return config;
}

}  // namespace runner::language
