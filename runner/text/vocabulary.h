// The words of a model, each with an id and its count in the training tokens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace runner::text {

class Vocabulary {
 public:
  // The id of the unknown token in every vocabulary.
  static constexpr int64_t kUnknownId = 0;

  // Counts `tokens` and keeps the words seen at least `min_count` times. Id 0 is `unknown_token`,
  // whose count is the number of tokens of dropped words (a literal `unknown_token` in the text is
  // counted there too). Ids 1... follow in order of count, highest first, ties alphabetical by
  // bytes. Throws DataError when fewer than two words reach min_count, naming min_count and the
  // number of distinct words, and std::invalid_argument for an empty unknown_token or min_count < 1.
  static Vocabulary build(const std::vector<std::string>& tokens, int64_t min_count,
                          const std::string& unknown_token);

  // A vocabulary with exactly these words and counts, in this id order; words[0] is the unknown
  // token. Throws std::invalid_argument for duplicate or empty words, a negative count, or fewer
  // than two words after the unknown token.
  Vocabulary(std::vector<std::string> words, std::vector<int64_t> counts);

  // Writes one `word<TAB>count` line per id, starting with the unknown token (id 0).
  void save(const std::filesystem::path& file) const;
  // Reads a file written by save(). Throws DataError naming the file and 1-based line for a line
  // without exactly one tab, an empty word, a count that is not a non-negative integer, a duplicate
  // word, and for fewer than three lines.
  static Vocabulary load(const std::filesystem::path& file);

  int64_t size() const { return static_cast<int64_t>(words_.size()); }
  const std::string& unknown_token() const { return words_[kUnknownId]; }

  // The id of `word`, or kUnknownId for a word the vocabulary does not contain.
  int64_t id(const std::string& word) const;
  // The id of `word`, or std::nullopt when it is not in the vocabulary.
  std::optional<int64_t> find(const std::string& word) const;
  // The word and count of `id`; `id` must be in [0, size()).
  const std::string& word(int64_t id) const;
  int64_t count(int64_t id) const;

  const std::vector<std::string>& words() const { return words_; }
  const std::vector<int64_t>& counts() const { return counts_; }
  // The sum of all counts: the number of tokens the vocabulary was built from.
  int64_t total_count() const;

  // The id of each token, unknown words as kUnknownId.
  std::vector<int64_t> encode(const std::vector<std::string>& tokens) const;
  // The word of each id.
  std::vector<std::string> decode(const std::vector<int64_t>& ids) const;

 private:
  std::vector<std::string> words_;
  std::vector<int64_t> counts_;
  std::unordered_map<std::string, int64_t> ids_;
};

}  // namespace runner::text
