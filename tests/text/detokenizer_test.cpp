// Detokenizing generated tokens into readable text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/text/detokenizer.h"
#include "runner/text/tokenizer.h"

namespace runner::text {
namespace {

using Tokens = std::vector<std::string>;

TEST(Detokenizer, PunctuationAndContractions) {
  EXPECT_EQ(detokenize({"i", "do", "n't", "think", "so", ",", "but", "we", "ca", "n't", "be", "sure", "."}),
            "I don't think so, but we can't be sure.");
  EXPECT_EQ(detokenize({"i", "'m", "here", ";", "you", "'re", "there", ":", "fine", "."}),
            "I'm here; you're there: fine.");
  EXPECT_EQ(detokenize({"they", "'ll", "know", "we", "'ve", "seen", "it", "and", "she", "'d", "agree", "."}),
            "They'll know we've seen it and she'd agree.");
}

TEST(Detokenizer, FusedWordsRejoin) {
  EXPECT_EQ(detokenize({"john", "'s", "dog", "can", "not", "swim", "!", "it", "is", "gon", "na", "rain", "?"}),
            "John's dog cannot swim! It is gonna rain?");
  EXPECT_EQ(detokenize({"and", "'t", "was", "cold", "."}), "And 'twas cold.");
}

TEST(Detokenizer, QuotesAttachInside) {
  EXPECT_EQ(detokenize({"he", "said", ",", "``", "stop", ".", "''", "then", "he", "left", "."}),
            "He said, \"stop.\" Then he left.");
  EXPECT_EQ(detokenize({"``", "hello", "''", "she", "said"}), "\"Hello\" she said");
  EXPECT_EQ(detokenize({"a", "\"", "straight", "\"", "quote"}), "A \"straight\" quote");
}

TEST(Detokenizer, BracketsCurrencyAndPercent) {
  EXPECT_EQ(detokenize({"(", "this", ")", "costs", "$", "5", "or", "50", "%", "."}), "(This) costs $5 or 50%.");
  EXPECT_EQ(detokenize({"see", "[", "1", "]", "and", "{", "2", "}", "."}), "See [1] and {2}.");
}

TEST(Detokenizer, EllipsisDashesAndPossessivePlural) {
  EXPECT_EQ(detokenize({"wait", "...", "what", "?"}), "Wait... what?");
  EXPECT_EQ(detokenize({"yes", "--", "no", "."}), "Yes -- no.");
  EXPECT_EQ(detokenize({"the", "boys", "'", "toys", "."}), "The boys' toys.");
}

TEST(Detokenizer, CapitalAfterEachSentenceEnd) {
  EXPECT_EQ(detokenize({"in", "the", "beginning", ".", "and", "god", "said", "!", "let", "there", "be", "light", "?",
                        "yes", "."}),
            "In the beginning. And god said! Let there be light? Yes.");
  EXPECT_EQ(detokenize({".", "into", "this", "bed", "of", "roses"}), ". Into this bed of roses");
  EXPECT_EQ(detokenize({"\xC3\xA9" "cole", "."}), "\xC3\x89" "cole.");
}

TEST(Detokenizer, EmptyInput) {
  EXPECT_EQ(detokenize({}), "");
  EXPECT_EQ(detokenize({"", "word", ""}), "Word");
}

TEST(Detokenizer, UndoesTokenizer) {
  const std::vector<std::string> sentences = {
      "I don't know, but John's dog can't swim.",
      "She said, \"Stop.\" Then she left (quickly).",
      "It costs $3.88, or 50% less... Really?",
      "We're gonna win; they'll see it cannot fail!",
  };
  for (const std::string& sentence : sentences) {
    EXPECT_EQ(detokenize(tokenize(sentence)), sentence) << "sentence: " << sentence;
  }
}

}  // namespace
}  // namespace runner::text
