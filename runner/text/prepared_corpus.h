// The whole text pipeline in one call: the configured corpus as ids of a vocabulary, split into a
// training part and a held-out tail.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/text/corpus_config.h"
#include "runner/text/held_out_split.h"
#include "runner/text/vocabulary.h"

namespace runner::text {

struct PreparedCorpus {
  // Built from the training part only, so held-out words the model never saw count as unknown.
  Vocabulary vocabulary;
  std::vector<int64_t> ids;  // every token of the corpus as an id; (split.total_tokens,)
  HeldOutSplit split;        // ids[0, split.split_index) train, the rest is held out
};

// Loads, cleans, tokenizes and encodes the corpus (see corpus.h). Throws DataError for an unreadable
// or empty corpus, and ConfigError at data.held_out when the split leaves no training tokens.
PreparedCorpus prepare_corpus(const CorpusConfig& config);

// The split's JSON plus "vocabulary_size", "unknown_train_tokens" and "unknown_held_out_tokens", for
// the run's record.
nlohmann::json corpus_summary(const PreparedCorpus& corpus);

}  // namespace runner::text
