#include "runner/language/token_corpus.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <fstream>

#include "runner/errors.h"
#include "runner/text/corpus.h"
#include "runner/text/tokenizer.h"
#include "runner/text/utf8.h"

namespace runner::language {

namespace {

torch::Tensor id_tensor(const std::vector<int64_t>& ids, int64_t begin, int64_t end) {
  return torch::tensor(std::vector<int64_t>(ids.begin() + begin, ids.begin() + end), torch::kInt64);
}

std::shared_ptr<TokenCorpus> corpus_of_vocabulary(const text::Vocabulary& vocabulary) {
  auto corpus = std::make_shared<TokenCorpus>();
  corpus->vocabulary_size = vocabulary.size();
  corpus->words = vocabulary.words();
  corpus->counts = vocabulary.counts();
  corpus->unknown_id = text::Vocabulary::kUnknownId;
  // The lecture pads short prompts with ".". A vocabulary without it pads with the unknown token.
  corpus->sentence_end_id = vocabulary.find(".").value_or(text::Vocabulary::kUnknownId);
  corpus->train = torch::empty({0}, torch::kInt64);
  corpus->held_out = torch::empty({0}, torch::kInt64);
  return corpus;
}

void write_text_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw DataError(fmt::format("{}: could not write the file", file.string()));
}

// prepare_corpus, with each DataError located at data.corpus in the config, so that a corpus that
// cannot train (too few words, say) points back at the line that chose it.
text::PreparedCorpus prepare_located(const text::CorpusConfig& config) {
  try {
    return text::prepare_corpus(config);
  } catch (const DataError& error) {
    throw DataError(fmt::format("{}: data.corpus: {}", config.location.to_string(), error.what()));
  }
}

}  // namespace

LoadedCorpus load_token_corpus(const config::ConfigNode& data) {
  text::CorpusConfig corpus_config = text::parse_corpus_config(data);
  data.check_unknown_keys();
  text::PreparedCorpus prepared = prepare_located(corpus_config);

  std::shared_ptr<TokenCorpus> tokens = corpus_of_vocabulary(prepared.vocabulary);
  const text::HeldOutSplit& split = prepared.split;
  tokens->train = id_tensor(prepared.ids, 0, split.split_index);
  tokens->held_out = id_tensor(prepared.ids, split.split_index, split.total_tokens);
  return {std::move(corpus_config), std::move(prepared), std::move(tokens)};
}

std::shared_ptr<const TokenCorpus> vocabulary_only_corpus(const text::Vocabulary& vocabulary) {
  return corpus_of_vocabulary(vocabulary);
}

std::vector<std::pair<std::string, std::filesystem::path>> write_corpus_files(const LoadedCorpus& corpus,
                                                                              const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  const std::filesystem::path folder = std::filesystem::absolute(directory);
  std::vector<std::pair<std::string, std::filesystem::path>> files;

  corpus.prepared.vocabulary.save(folder / "vocabulary.txt");
  files.emplace_back("vocabulary.txt", folder / "vocabulary.txt");

  write_text_file(folder / "split.json", text::corpus_summary(corpus.prepared).dump(2) + "\n");
  files.emplace_back("split.json", folder / "split.json");

  std::error_code error;
  const std::uintmax_t bytes = std::filesystem::file_size(corpus.config.corpus, error);
  if (!error && bytes <= kTokensFileLimitBytes) {
    // The ids decoded back to words: unknown words appear as the unknown token, as the model saw them.
    std::string text;
    for (int64_t id : corpus.prepared.ids) {
      text += corpus.prepared.vocabulary.word(id);
      text += '\n';
    }
    write_text_file(folder / "tokens.txt", text);
    files.emplace_back("tokens.txt", folder / "tokens.txt");
  }
  return files;
}

double unigram_held_out_loss(const TokenCorpus& corpus) {
  if (corpus.held_out.numel() == 0) return std::nan("");
  // log p(id) = log(count + 1) - log(total + vocabulary), averaged over the held-out ids.
  const torch::Tensor counts = torch::tensor(corpus.counts, torch::kFloat64) + 1.0;
  const torch::Tensor log_probabilities = counts.log() - std::log(counts.sum().item<double>());
  return -log_probabilities.index_select(0, corpus.held_out).mean().item<double>();
}

std::vector<std::string> tokenize_prompt(const text::CorpusConfig& config, const std::string& prompt) {
  return text::tokenize(config.lowercase ? text::to_lower_utf8(prompt) : prompt);
}

}  // namespace runner::language
