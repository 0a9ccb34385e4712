#include "runner/text/prepared_corpus.h"

#include <algorithm>

#include <fmt/format.h>

#include "runner/errors.h"
#include "runner/text/corpus.h"

namespace runner::text {

PreparedCorpus prepare_corpus(const CorpusConfig& config) {
  const std::vector<std::string> tokens = load_corpus_tokens(config);
  const HeldOutSplit split = split_held_out(static_cast<int64_t>(tokens.size()), config.held_out);
  if (split.train_tokens() == 0) {
    throw ConfigError(config.location, "data.held_out",
                      fmt::format("holding out {} of the corpus's {} tokens leaves none for training", config.held_out,
                                  tokens.size()),
                      "lower data.held_out or use a larger corpus");
  }

  const std::vector<std::string> train_tokens(tokens.begin(), tokens.begin() + split.split_index);
  Vocabulary vocabulary = Vocabulary::build(train_tokens, config.min_count, config.unknown_token);
  std::vector<int64_t> ids = vocabulary.encode(tokens);
  return PreparedCorpus{std::move(vocabulary), std::move(ids), split};
}

nlohmann::json corpus_summary(const PreparedCorpus& corpus) {
  const auto split_at = corpus.ids.begin() + corpus.split.split_index;
  const auto unknown_train = std::count(corpus.ids.begin(), split_at, Vocabulary::kUnknownId);
  const auto unknown_held_out = std::count(split_at, corpus.ids.end(), Vocabulary::kUnknownId);

  nlohmann::json summary = corpus.split.to_json();
  summary["vocabulary_size"] = corpus.vocabulary.size();
  summary["unknown_train_tokens"] = unknown_train;
  summary["unknown_held_out_tokens"] = unknown_held_out;
  return summary;
}

}  // namespace runner::text
