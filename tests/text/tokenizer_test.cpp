// The tokenizer against hand-written Treebank token lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/text/tokenizer.h"

namespace runner::text {
namespace {

using Tokens = std::vector<std::string>;

struct TokenizerCase {
  std::string sentence;
  Tokens expected;
};

// Each expected list follows the Treebank rules: punctuation and brackets split off, only the final
// period split, clitics split from the word before, `` and '' for double quotes.
const std::vector<TokenizerCase> kSentenceCases = {
    {"Good muffins cost $3.88 in New York.", {"Good", "muffins", "cost", "$", "3.88", "in", "New", "York", "."}},
    {"They'll save and invest more.", {"They", "'ll", "save", "and", "invest", "more", "."}},
    {"I don't think so, but we can't be sure.",
     {"I", "do", "n't", "think", "so", ",", "but", "we", "ca", "n't", "be", "sure", "."}},
    {"I'm here; she'd left, and we've gone.",
     {"I", "'m", "here", ";", "she", "'d", "left", ",", "and", "we", "'ve", "gone", "."}},
    {"John's dog cannot swim.", {"John", "'s", "dog", "can", "not", "swim", "."}},
    {"We're gonna win, you know.", {"We", "'re", "gon", "na", "win", ",", "you", "know", "."}},
    {"\"Hello,\" he said.", {"``", "Hello", ",", "''", "he", "said", "."}},
    {"She said \"stop.\"", {"She", "said", "``", "stop", ".", "''"}},
    {"It costs 1,000 dollars, or 3.14 each.", {"It", "costs", "1,000", "dollars", ",", "or", "3.14", "each", "."}},
    {"Wait... what?", {"Wait", "...", "what", "?"}},
    {"(This is a test.)", {"(", "This", "is", "a", "test", ".", ")"}},
    {"See [1] and {2}.", {"See", "[", "1", "]", "and", "{", "2", "}", "."}},
    {"Yes--no, maybe -- later.", {"Yes", "--", "no", ",", "maybe", "--", "later", "."}},
    {"Is it true?! Really!", {"Is", "it", "true", "?", "!", "Really", "!"}},
    {"The boys' toys are here.", {"The", "boys", "'", "toys", "are", "here", "."}},
    {"Curly \xE2\x80\x9Cquotes\xE2\x80\x9D and don\xE2\x80\x99t split.",
     {"Curly", "``", "quotes", "''", "and", "do", "n't", "split", "."}},
    {"\xE2\x80\x98Tis the season.", {"'T", "is", "the", "season", "."}},
    {"It's 10:30 at 50% off & more.", {"It", "'s", "10:30", "at", "50", "%", "off", "&", "more", "."}},
    {"WON'T you come? CAN'T stop.", {"WO", "N'T", "you", "come", "?", "CA", "N'T", "stop", "."}},
    {"Email me @ home #1.", {"Email", "me", "@", "home", "#", "1", "."}},
    {"He said: go!", {"He", "said", ":", "go", "!"}},
    {"I wanna go, gotta run, gimme that, lemme see",
     {"I", "wan", "na", "go", ",", "got", "ta", "run", ",", "gim", "me", "that", ",", "lem", "me", "see"}},
    {"The U.S. is big.", {"The", "U.S.", "is", "big", "."}},
    {"More'n enough, d'ye hear?", {"More", "'n", "enough", ",", "d", "'ye", "hear", "?"}},
    {"Don't.", {"Do", "n't", "."}},
    {"(\"Nested\") quotes", {"(", "``", "Nested", "''", ")", "quotes"}},
    {"i'm sure it's fine", {"i", "'m", "sure", "it", "'s", "fine"}},
    {"Well\xE2\x80\xA6 fine", {"Well", "...", "fine"}},
    {"  spaces\tand  tabs  ", {"spaces", "and", "tabs"}},
    {"Call 555-1234 at 9:00, not 9 : 00.", {"Call", "555-1234", "at", "9:00", ",", "not", "9", ":", "00", "."}},
    {"The dogs' and cats' food.", {"The", "dogs", "'", "and", "cats", "'", "food", "."}},
    {"Note: \"x\" isn't 'y'.", {"Note", ":", "``", "x", "''", "is", "n't", "'y", "'", "."}},
    {"''Two quotes'' and ``two more''", {"''", "Two", "quotes", "''", "and", "``", "two", "more", "''"}},
};

TEST(Tokenizer, TreebankSentenceTable) {
  ASSERT_GE(kSentenceCases.size(), 25u);
  for (const TokenizerCase& test_case : kSentenceCases) {
    EXPECT_EQ(tokenize_sentence(test_case.sentence), test_case.expected) << "sentence: " << test_case.sentence;
  }
}

TEST(Tokenizer, EmptyAndBlankGiveNoTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" \n\t\n").empty());
  EXPECT_TRUE(tokenize_sentence("   ").empty());
}

TEST(Tokenizer, PeriodBeforeWhitespaceEndsSentence) {
  EXPECT_EQ(tokenize("Mr. Smith went to Washington."),
            (Tokens{"Mr", ".", "Smith", "went", "to", "Washington", "."}));
  EXPECT_EQ(tokenize("He left. \"Why?\" she asked."),
            (Tokens{"He", "left", ".", "``", "Why", "?", "''", "she", "asked", "."}));
  EXPECT_EQ(tokenize("She said \"stop.\" Then left."),
            (Tokens{"She", "said", "``", "stop", ".", "''", "Then", "left", "."}));
}

TEST(Tokenizer, SentenceOnlySplitsFinalPeriod) {
  EXPECT_EQ(tokenize_sentence("Mr. Smith went to Washington."),
            (Tokens{"Mr.", "Smith", "went", "to", "Washington", "."}));
}

TEST(Tokenizer, EllipsisAndDecimalsAreNotSentenceEnds) {
  EXPECT_EQ(tokenize("Wait... What costs 3.14 now?"), (Tokens{"Wait", "...", "What", "costs", "3.14", "now", "?"}));
}

TEST(Tokenizer, LinesAreTokenizedSeparately) {
  EXPECT_EQ(tokenize("In the beginning.\r\nAnd the earth\n\nwas void"),
            (Tokens{"In", "the", "beginning", ".", "And", "the", "earth", "was", "void"}));
}

TEST(Tokenizer, QuoteAtLineStartOpens) {
  EXPECT_EQ(tokenize("\"Yes,\" he said.\n\"No.\""),
            (Tokens{"``", "Yes", ",", "''", "he", "said", ".", "``", "No", ".", "''"}));
}

TEST(Tokenizer, TokenizeIntoAppends) {
  Tokens tokens = {"first"};
  tokenize_into("and more.", tokens);
  EXPECT_EQ(tokens, (Tokens{"first", "and", "more", "."}));
}

}  // namespace
}  // namespace runner::text
