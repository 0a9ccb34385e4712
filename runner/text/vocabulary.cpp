#include "runner/text/vocabulary.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "runner/errors.h"

namespace runner::text {

namespace {

// The minimum number of words, besides the unknown token, that a language model can be trained on.
constexpr size_t kMinKnownWords = 2;

struct WordCount {
  std::string word;
  int64_t count;
};

std::optional<int64_t> parse_count(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

Vocabulary Vocabulary::build(const std::vector<std::string>& tokens, int64_t min_count,
                             const std::string& unknown_token) {
  if (unknown_token.empty()) throw std::invalid_argument("the unknown token must not be empty");
  if (min_count < 1) throw std::invalid_argument(fmt::format("min_count must be >= 1, got {}", min_count));

  std::unordered_map<std::string, int64_t> counts;
  for (const std::string& token : tokens) ++counts[token];

  int64_t unknown_count = 0;
  std::vector<WordCount> known;
  for (auto& [word, count] : counts) {
    if (count >= min_count && word != unknown_token) {
      known.push_back({word, count});
    } else {
      unknown_count += count;
    }
  }
  if (known.size() < kMinKnownWords) {
    throw DataError(fmt::format("only {} of the corpus's {} distinct words occur at least min_count = {} times, but "
                                "a vocabulary needs at least {}; lower data.min_count or use a larger corpus",
                                known.size(), counts.size(), min_count, kMinKnownWords));
  }

  std::sort(known.begin(), known.end(), [](const WordCount& a, const WordCount& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.word < b.word;
  });
  std::vector<std::string> words = {unknown_token};
  std::vector<int64_t> word_counts = {unknown_count};
  for (WordCount& entry : known) {
    words.push_back(std::move(entry.word));
    word_counts.push_back(entry.count);
  }
  return Vocabulary(std::move(words), std::move(word_counts));
}

Vocabulary::Vocabulary(std::vector<std::string> words, std::vector<int64_t> counts)
    : words_(std::move(words)), counts_(std::move(counts)) {
  if (words_.size() != counts_.size()) {
    throw std::invalid_argument(fmt::format("{} words but {} counts", words_.size(), counts_.size()));
  }
  if (words_.size() < kMinKnownWords + 1) {
    throw std::invalid_argument(fmt::format("a vocabulary needs the unknown token and at least {} words, got {} "
                                            "entries",
                                            kMinKnownWords, words_.size()));
  }
  for (size_t id = 0; id < words_.size(); ++id) {
    if (words_[id].empty()) throw std::invalid_argument(fmt::format("word {} is empty", id));
    if (counts_[id] < 0) throw std::invalid_argument(fmt::format("word '{}' has a negative count", words_[id]));
    const auto [it, inserted] = ids_.emplace(words_[id], static_cast<int64_t>(id));
    if (!inserted) {
      throw std::invalid_argument(fmt::format("word '{}' appears twice (ids {} and {})", words_[id], it->second, id));
    }
  }
}

void Vocabulary::save(const std::filesystem::path& file) const {
  std::ofstream stream(file, std::ios::binary);
  if (!stream) throw DataError(fmt::format("cannot create vocabulary file {}", file.string()));
  for (size_t id = 0; id < words_.size(); ++id) stream << words_[id] << '\t' << counts_[id] << '\n';
  stream.close();
  if (!stream) throw DataError(fmt::format("failed to write vocabulary file {}", file.string()));
}

Vocabulary Vocabulary::load(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw DataError(fmt::format("vocabulary file {} not found or not readable", file.string()));

  std::vector<std::string> words;
  std::vector<int64_t> counts;
  std::unordered_map<std::string, int64_t> first_line;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(stream, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto fail = [&](const std::string& message) {
      throw DataError(fmt::format("{}:{}: {}; each line must be WORD<TAB>COUNT", file.string(), line_number, message));
    };

    const size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos) {
      fail(fmt::format("expected exactly one tab, got '{}'", line));
    }
    std::string word = line.substr(0, tab);
    if (word.empty()) fail("the word is empty");
    const auto count = parse_count(std::string_view(line).substr(tab + 1));
    if (!count) fail(fmt::format("the count '{}' is not a non-negative integer", line.substr(tab + 1)));
    const auto [it, inserted] = first_line.emplace(word, line_number);
    if (!inserted) fail(fmt::format("word '{}' already appears on line {}", word, it->second));

    words.push_back(std::move(word));
    counts.push_back(*count);
  }
  if (words.size() < kMinKnownWords + 1) {
    throw DataError(fmt::format("{}: has {} lines, but a vocabulary needs the unknown token and at least {} words",
                                file.string(), words.size(), kMinKnownWords));
  }
  return Vocabulary(std::move(words), std::move(counts));
}

int64_t Vocabulary::id(const std::string& word) const { return find(word).value_or(kUnknownId); }

std::optional<int64_t> Vocabulary::find(const std::string& word) const {
  const auto it = ids_.find(word);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const std::string& Vocabulary::word(int64_t id) const { return words_.at(static_cast<size_t>(id)); }

int64_t Vocabulary::count(int64_t id) const { return counts_.at(static_cast<size_t>(id)); }

int64_t Vocabulary::total_count() const {
  int64_t total = 0;
  for (const int64_t count : counts_) total += count;
  return total;
}

std::vector<int64_t> Vocabulary::encode(const std::vector<std::string>& tokens) const {
  std::vector<int64_t> ids;
  ids.reserve(tokens.size());
  for (const std::string& token : tokens) ids.push_back(id(token));
  return ids;
}

std::vector<std::string> Vocabulary::decode(const std::vector<int64_t>& ids) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (const int64_t id : ids) tokens.push_back(word(id));
  return tokens;
}

}  // namespace runner::text
