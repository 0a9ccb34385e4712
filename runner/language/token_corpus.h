// The bridge between the text pipeline (runner/text) and the language tasks: the configured corpus
// as id tensors, and the files that record it in a run's directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"
#include "runner/text/corpus_config.h"
#include "runner/text/prepared_corpus.h"

namespace runner::language {

// Corpora up to this size also store their tokens (tokens.txt) with each run.
inline constexpr std::uintmax_t kTokensFileLimitBytes = 5 * 1000 * 1000;

struct LoadedCorpus {
  text::CorpusConfig config;
  text::PreparedCorpus prepared;
  std::shared_ptr<const TokenCorpus> tokens;
};

// Reads `data`, rejects its unknown keys, then loads, cleans, tokenizes, encodes and splits the corpus.
// Throws ConfigError for a bad key and DataError for an unreadable or unusable corpus.
LoadedCorpus load_token_corpus(const config::ConfigNode& data);

// A corpus with the vocabulary's words and counts and no tokens, for rebuilding a trained model.
std::shared_ptr<const TokenCorpus> vocabulary_only_corpus(const text::Vocabulary& vocabulary);

// Writes vocabulary.txt, split.json and, for a corpus file up to kTokensFileLimitBytes, tokens.txt
// (one token per line) into `directory`. Returns each file's name and absolute path.
std::vector<std::pair<std::string, std::filesystem::path>> write_corpus_files(const LoadedCorpus& corpus,
                                                                              const std::filesystem::path& directory);

// The mean held-out cross-entropy of a unigram model with add-one smoothing over the training counts:
// the loss a model that ignores context reaches. NaN when the held-out part is empty.
double unigram_held_out_loss(const TokenCorpus& corpus);

// The tokens of `prompt`, lowercased when the corpus was. The corpus's `remove` rules do not apply:
// they delete the corpus's own structure (verse references, speaker names, stage directions), and a
// rule anchored at the line start would delete a prompt's first word.
std::vector<std::string> tokenize_prompt(const text::CorpusConfig& config, const std::string& prompt);

}  // namespace runner::language
