#include "runner/text/detokenizer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "runner/text/utf8.h"

namespace runner::text {

namespace {

// Tokens written directly after the previous one, without a space.
constexpr std::array<std::string_view, 30> kAttachToPrevious = {
    ".",   ",",   ";",   ":",   "?",   "!",   "%",   ")",   "]",   "}",   "''",  "'",   "n't", "N'T", "'s",
    "'S",  "'m",  "'M",  "'d",  "'D",  "'ll", "'LL", "'re", "'RE", "'ve", "'VE", "'ye", "'n",  "...", ".."};

// Tokens after which the next one follows without a space.
constexpr std::array<std::string_view, 6> kAttachToNext = {"(", "[", "{", "$", "#", "``"};

// The second halves of words the tokenizer splits in two (cannot -> can not), by the first half.
struct FusedWord {
  std::string_view first;
  std::string_view second;
};
constexpr std::array<FusedWord, 8> kFusedWords = {
    {{"can", "not"}, {"gon", "na"}, {"wan", "na"}, {"got", "ta"}, {"gim", "me"}, {"lem", "me"}, {"'t", "is"},
     {"'t", "was"}}};

template <size_t N>
bool is_one_of(std::string_view token, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), token) != set.end();
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool completes_fused_word(std::string_view previous, std::string_view token) {
  for (const FusedWord& fused : kFusedWords) {
    if (equals_ignoring_ascii_case(previous, fused.first) && equals_ignoring_ascii_case(token, fused.second)) {
      return true;
    }
  }
  return false;
}

bool ends_sentence(std::string_view token) { return token == "." || token == "?" || token == "!"; }

// True for a token that starts with a letter or digit, as opposed to punctuation and quotes.
bool is_word(std::string_view token) {
  const auto first = static_cast<unsigned char>(token.front());
  return std::isalnum(first) || first >= 0x80;
}

}  // namespace

std::string detokenize(const std::vector<std::string>& tokens) {
  std::string text;
  bool attach_next = false;
  bool capitalize_next = true;
  bool inside_straight_quote = false;
  std::string_view previous;

  for (const std::string& token : tokens) {
    if (token.empty()) continue;

    // A straight " from outside the tokenizer alternates between opening and closing.
    std::string_view written = token;
    const bool fused = completes_fused_word(previous, token);
    bool opens = is_one_of(token, kAttachToNext);
    bool closes = fused || is_one_of(token, kAttachToPrevious);
    if (token == "``" || token == "''") written = "\"";
    if (token == "\"") {
      opens = !inside_straight_quote;
      closes = inside_straight_quote;
      inside_straight_quote = !inside_straight_quote;
    }

    if (!text.empty() && !attach_next && !closes) text += ' ';
    if (token == "i") {
      text += 'I';
    } else if (capitalize_next && is_word(token) && !fused) {
      text += capitalize_utf8(written);
    } else {
      text += written;
    }

    if (is_word(token)) capitalize_next = false;
    if (ends_sentence(token)) capitalize_next = true;
    attach_next = opens;
    previous = token;
  }
  return text;
}

}  // namespace runner::text
