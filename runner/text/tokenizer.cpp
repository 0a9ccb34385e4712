#include "runner/text/tokenizer.h"

#include <array>
#include <cctype>
#include <utility>

namespace runner::text {

namespace {

constexpr std::string_view kLeftDoubleQuote = "\xE2\x80\x9C";   // U+201C
constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";  // U+201D
constexpr std::string_view kLeftSingleQuote = "\xE2\x80\x98";   // U+2018
constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // U+2019
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";          // U+2026

// Characters that may follow a sentence's final period: closing brackets and quotes.
constexpr std::string_view kClosers = ")]}>\"'";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_at(std::string_view text, size_t position, std::string_view prefix) {
  return text.compare(position, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// The first position at or after `position` that is not a closing bracket or quote.
size_t skip_closers(std::string_view text, size_t position) {
  while (position < text.size()) {
    if (kClosers.find(text[position]) != std::string_view::npos) {
      ++position;
    } else if (starts_with_at(text, position, kRightDoubleQuote) || starts_with_at(text, position, kRightSingleQuote)) {
      position += 3;
    } else {
      break;
    }
  }
  return position;
}

// Curly single quotes become ASCII apostrophes, so that contractions such as don’t split like don't,
// and U+2026 becomes "...". Curly double quotes are kept, because unlike " they show which side of
// the quotation they are on.
std::string normalize_quotes(std::string_view sentence) {
  std::string normalized;
  normalized.reserve(sentence.size());
  for (size_t i = 0; i < sentence.size(); ++i) {
    if (starts_with_at(sentence, i, kLeftSingleQuote) || starts_with_at(sentence, i, kRightSingleQuote)) {
      normalized += '\'';
      i += 2;
    } else if (starts_with_at(sentence, i, kEllipsis)) {
      normalized += "...";
      i += 2;
    } else {
      normalized += sentence[i];
    }
  }
  return normalized;
}

// The index of the sentence's final period: the last period, followed only by closing brackets and
// quotes, that is not part of a run of periods. npos when the sentence does not end in one.
size_t find_final_period(std::string_view sentence) {
  size_t end = sentence.size();
  while (end > 0) {
    const char last = sentence[end - 1];
    if (kClosers.find(last) != std::string_view::npos) {
      --end;
    } else if (end >= 3 && sentence.substr(end - 3, 3) == kRightDoubleQuote) {
      end -= 3;
    } else {
      break;
    }
  }
  if (end < 2 || sentence[end - 1] != '.' || sentence[end - 2] == '.') return std::string_view::npos;
  return end - 1;
}

// A straight double quote opens a quotation at the start of the sentence or after whitespace or an
// opening bracket, and closes one anywhere else.
bool opens_quotation(std::string_view sentence, size_t position) {
  if (position == 0) return true;
  const char before = sentence[position - 1];
  return is_space(before) || before == '(' || before == '[' || before == '{' || before == '<';
}

// Surrounds every punctuation token with spaces, so that splitting on whitespace gives words that
// carry at most a contraction suffix. Quotes become `` and '' here.
std::string separate_punctuation(std::string_view sentence) {
  const size_t final_period = find_final_period(sentence);
  std::string spaced;
  spaced.reserve(sentence.size() + sentence.size() / 4 + 8);
  const auto add_token = [&spaced](std::string_view token) {
    spaced += ' ';
    spaced += token;
    spaced += ' ';
  };

  for (size_t i = 0; i < sentence.size(); ++i) {
    const char c = sentence[i];
    const char next = i + 1 < sentence.size() ? sentence[i + 1] : '\0';
    if (starts_with_at(sentence, i, kLeftDoubleQuote)) {
      add_token("``");
      i += 2;
      continue;
    }
    if (starts_with_at(sentence, i, kRightDoubleQuote)) {
      add_token("''");
      i += 2;
      continue;
    }

    switch (c) {
      case '"':
        add_token(opens_quotation(sentence, i) ? "``" : "''");
        break;
      case '`':
      case '\'':
        // `` and '' written out in the text are quotes too; a single ' is left to the word pass.
        if (next == c) {
          add_token(c == '`' || (i > 0 && opens_quotation(sentence, i)) ? "``" : "''");
          ++i;
        } else {
          spaced += c;
        }
        break;
      case ',':
      case ':':
        // A comma or colon followed by a digit is part of a number or a time: 1,000 and 10:30.
        if (is_digit(next)) {
          spaced += c;
        } else {
          add_token(std::string_view(&sentence[i], 1));
        }
        break;
      case '.': {
        size_t run = 1;
        while (i + run < sentence.size() && sentence[i + run] == '.') ++run;
        if (run >= 2) {
          add_token(sentence.substr(i, run));  // an ellipsis
          i += run - 1;
        } else if (i == final_period) {
          add_token(".");
        } else {
          spaced += c;  // a decimal point or an abbreviation inside the sentence: 3.14, e.g
        }
        break;
      }
      case '-':
        if (next == '-') {
          add_token("--");
          ++i;
        } else {
          spaced += c;
        }
        break;
      case ';':
      case '@':
      case '#':
      case '$':
      case '%':
      case '&':
      case '?':
      case '!':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case '<':
      case '>':
        add_token(std::string_view(&sentence[i], 1));
        break;
      default:
        spaced += c;
    }
  }
  return spaced;
}

// The Treebank's clitic suffixes, split from the end of a word that has some other character before
// them (other than an apostrophe). Checked in this order; a bare closing quote ' comes last.
constexpr std::array<std::string_view, 14> kContractionSuffixes = {
    "'s", "'S", "'m", "'M", "'d", "'D", "'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};

std::string_view contraction_suffix(std::string_view word) {
  for (const std::string_view suffix : kContractionSuffixes) {
    if (word.size() > suffix.size() && ends_with(word, suffix) && word[word.size() - suffix.size() - 1] != '\'') {
      return suffix;
    }
  }
  if (word.size() > 1 && word.back() == '\'' && word[word.size() - 2] != '\'') return word.substr(word.size() - 1);
  return {};
}

// Words the Treebank writes as two tokens, and where the first ends (compared ignoring ASCII case).
struct FusedWord {
  std::string_view word;
  size_t first_length;
};

constexpr std::array<FusedWord, 10> kFusedWords = {{{"cannot", 3},
                                                    {"d'ye", 1},
                                                    {"gimme", 3},
                                                    {"gonna", 3},
                                                    {"gotta", 3},
                                                    {"lemme", 3},
                                                    {"more'n", 4},
                                                    {"wanna", 3},
                                                    {"'tis", 2},
                                                    {"'twas", 2}}};

void add_word(std::string_view word, std::vector<std::string>& tokens) {
  if (word.empty()) return;
  for (const FusedWord& fused : kFusedWords) {
    if (equals_ignoring_ascii_case(word, fused.word)) {
      tokens.emplace_back(word.substr(0, fused.first_length));
      tokens.emplace_back(word.substr(fused.first_length));
      return;
    }
  }
  tokens.emplace_back(word);
}

void split_word(std::string_view word, std::vector<std::string>& tokens) {
  if (word == "``" || word == "''") {
    tokens.emplace_back(word);
    return;
  }
  const std::string_view suffix = contraction_suffix(word);
  add_word(word.substr(0, word.size() - suffix.size()), tokens);
  if (!suffix.empty()) tokens.emplace_back(suffix);
}

void tokenize_sentence_into(std::string_view sentence, std::vector<std::string>& tokens) {
  const std::string spaced = separate_punctuation(normalize_quotes(trim(sentence)));
  size_t position = 0;
  while (position < spaced.size()) {
    while (position < spaced.size() && is_space(spaced[position])) ++position;
    size_t end = position;
    while (end < spaced.size() && !is_space(spaced[end])) ++end;
    if (end > position) split_word(std::string_view(spaced).substr(position, end - position), tokens);
    position = end;
  }
}

// Splits one line into sentences at each single period (not an ellipsis) that ends a word, together
// with any closing quotes and brackets after it.
void tokenize_line(std::string_view line, std::vector<std::string>& tokens) {
  size_t sentence_start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '.') continue;
    if (i + 1 < line.size() && line[i + 1] == '.') {
      while (i + 1 < line.size() && line[i + 1] == '.') ++i;
      continue;
    }
    const size_t sentence_end = skip_closers(line, i + 1);
    if (sentence_end < line.size() && !is_space(line[sentence_end])) continue;
    tokenize_sentence_into(line.substr(sentence_start, sentence_end - sentence_start), tokens);
    sentence_start = sentence_end;
    i = sentence_end - 1;  // skip_closers returns at least i + 1
  }
  if (sentence_start < line.size()) tokenize_sentence_into(line.substr(sentence_start), tokens);
}

}  // namespace

std::vector<std::string> tokenize_sentence(std::string_view sentence) {
  std::vector<std::string> tokens;
  tokenize_sentence_into(sentence, tokens);
  return tokens;
}

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  tokenize_into(text, tokens);
  return tokens;
}

void tokenize_into(std::string_view text, std::vector<std::string>& tokens) {
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    tokenize_line(text.substr(line_start, line_end - line_start), tokens);
    line_start = line_end + 1;
  }
}

}  // namespace runner::text
