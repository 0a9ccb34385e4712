// .vec files and the cosine queries over word vectors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "runner/errors.h"
#include "runner/text/vec_file.h"
#include "runner/text/word_vectors.h"
#include "text_test_util.h"

namespace runner::text {
namespace {

using ::runner::testing::error_message;
using ::runner::testing::TextTempFolder;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Axes: royalty, maleness, fruit, a little noise. king - man + woman lands on queen.
const char* kRoyalVectors =
    "7 4\n"
    "king 1 1 0 0.1\n"
    "queen 1 -1 0 0.1\n"
    "man 0 1 0 0\n"
    "woman 0 -1 0 0\n"
    "prince 0.9 0.9 0 0.2\n"
    "apple 0 0 1 0\n"
    "nothing 0 0 0 0\n";

TEST(VecFile, RoundTripIsBitExact) {
  TextTempFolder folder;
  WordVectors vectors;
  vectors.dim = 5;
  vectors.words = {"a", "b", "c", "</s>"};
  vectors.values = {0.1f, -0.0f, 1e-45f, std::numeric_limits<float>::max(), std::numeric_limits<float>::min(),
                    1.0f / 3.0f, -2.5e-20f, 123456789.0f, 7.0f, -1.17549e-38f};
  std::mt19937 generator(5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  while (vectors.values.size() < vectors.words.size() * 5) vectors.values.push_back(normal(generator));

  write_vec_file(folder.path() / "v.vec", vectors);
  const WordVectors loaded = read_vec_file(folder.path() / "v.vec");
  EXPECT_EQ(loaded.words, vectors.words);
  EXPECT_EQ(loaded.dim, 5);
  ASSERT_EQ(loaded.values.size(), vectors.values.size());
  EXPECT_EQ(std::memcmp(loaded.values.data(), vectors.values.data(), vectors.values.size() * sizeof(float)), 0);
}

TEST(VecFile, WritesHeaderAndShortestDigits) {
  TextTempFolder folder;
  write_vec_file(folder.path() / "v.vec", WordVectors{{"x", "y"}, 2, {0.5f, -1.0f, 0.1f, 3.0f}});
  std::ifstream stream(folder.path() / "v.vec");
  const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "2 2\nx 0.5 -1\ny 0.1 3\n");
}

TEST(VecFile, ReadsFileWithoutHeader) {
  TextTempFolder folder;
  const WordVectors vectors = read_vec_file(folder.write("plain.vec", "the 0.5 1e-3 -2\r\nof +1 2 3 \n\n"));
  EXPECT_EQ(vectors.words, (std::vector<std::string>{"the", "of"}));
  EXPECT_EQ(vectors.dim, 3);
  EXPECT_EQ(vectors.values, (std::vector<float>{0.5f, 1e-3f, -2.0f, 1.0f, 2.0f, 3.0f}));
}

TEST(VecFile, MalformedLinesNameTheLine) {
  TextTempFolder folder;
  const auto read_error = [&](const std::string& text) {
    const auto file = folder.write("bad.vec", text);
    return error_message<DataError>([&] { read_vec_file(file); });
  };
  EXPECT_THAT(read_error("2 3\na 1 2 3\nb 1 2\n"),
              HasSubstr("bad.vec:3: word 'b' has 2 values, expected 3 (the header on line 1)"));
  EXPECT_THAT(read_error("a 1 2\nb 1 2 3\n"),
              HasSubstr("bad.vec:2: word 'b' has 3 values, expected 2 (the first line, as the file has no header)"));
  EXPECT_THAT(read_error("2 2\na 1 x2\nb 1 2\n"),
              HasSubstr("bad.vec:2: value 2 of word 'a' is 'x2', which is not a finite number"));
  EXPECT_THAT(read_error("2 2\na 1 2\nb nan 2\n"), HasSubstr("bad.vec:3: value 1 of word 'b' is 'nan'"));
  EXPECT_THAT(read_error("3 2\na 1 2\nb 1 2\n"), HasSubstr("bad.vec:1: the header gives 3 words, but the file has 2"));
  EXPECT_THAT(read_error("3 2\na 1 2\nb 1 2\na 3 4\n"),
              HasSubstr("bad.vec:4: word 'a' appears again; it was first given on line 2"));
  EXPECT_THAT(read_error("2 2\na 1 2\n\nb 1 2\n"), HasSubstr("bad.vec:3: blank line before the last vector"));
  EXPECT_THAT(read_error("1 0\na\n"), HasSubstr("bad.vec:1: the header gives dimension 0"));
  EXPECT_THAT(read_error("lonely\n"), HasSubstr("bad.vec:1: word 'lonely' has no values"));
  EXPECT_THAT(read_error(""), HasSubstr("is empty"));
  EXPECT_THAT(read_error("0 5\n"), HasSubstr("has no vectors"));
}

TEST(VecFile, WriteRejectsUnwritableWords) {
  TextTempFolder folder;
  EXPECT_THROW(write_vec_file(folder.path() / "v.vec", WordVectors{{"two words"}, 1, {1.0f}}), std::invalid_argument);
  EXPECT_THROW(write_vec_file(folder.path() / "v.vec", WordVectors{{"a"}, 2, {1.0f}}), std::invalid_argument);
  EXPECT_THROW(write_vec_file(folder.path() / "v.vec", WordVectors{{"a"}, 1, {std::nanf("")}}),
               std::invalid_argument);
}

class RoyalVectors : public ::testing::Test {
 protected:
  void SetUp() override { space_ = std::make_unique<WordVectorSpace>(read_vec_file(folder_.write("r.vec", kRoyalVectors))); }

  TextTempFolder folder_;
  std::unique_ptr<WordVectorSpace> space_;
};

TEST_F(RoyalVectors, KingMinusManPlusWomanIsQueen) {
  const std::vector<Neighbor> answers = space_->analogy("king", "man", "woman", 3);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].word, "queen");
  for (const Neighbor& answer : answers) {
    EXPECT_NE(answer.word, "king");
    EXPECT_NE(answer.word, "man");
    EXPECT_NE(answer.word, "woman");
  }
  EXPECT_GT(answers[0].similarity, answers[1].similarity);
}

TEST_F(RoyalVectors, NeighborsExcludeTheWordItself) {
  const std::vector<Neighbor> neighbors = space_->neighbors("king", 2);
  ASSERT_EQ(neighbors.size(), 2u);
  EXPECT_EQ(neighbors[0].word, "prince");
  EXPECT_EQ(neighbors[1].word, "man");
  // cos(king, prince) = 1.82 / (sqrt(2.01) * sqrt(1.66)).
  EXPECT_NEAR(neighbors[0].similarity, 1.82 / std::sqrt(2.01 * 1.66), 1e-6);
  EXPECT_NEAR(neighbors[1].similarity, 1.0 / std::sqrt(2.01), 1e-6);
}

TEST_F(RoyalVectors, KLargerThanVocabularyReturnsAllOthers) {
  EXPECT_EQ(space_->neighbors("apple", 100).size(), 6u);
  EXPECT_THROW(space_->neighbors("apple", 0), std::invalid_argument);
}

TEST_F(RoyalVectors, Similarity) {
  EXPECT_NEAR(space_->similarity("man", "woman"), -1.0, 1e-12);
  EXPECT_NEAR(space_->similarity("apple", "apple"), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(space_->similarity("nothing", "king"), 0.0);
}

TEST_F(RoyalVectors, UnknownWordListsClosestSpellings) {
  const std::string message = error_message<UnknownWordError>([&] { space_->neighbors("kng", 3); });
  EXPECT_THAT(message, StartsWith("word 'kng' is not in the vectors (7 words); closest known spellings: king, "));
  EXPECT_THROW(space_->analogy("king", "man", "girl", 1), UnknownWordError);
  EXPECT_THROW(space_->similarity("queen", "quen"), UnknownWordError);
}

TEST(WordVectorSpace, RejectsInconsistentVectors) {
  EXPECT_THROW(WordVectorSpace(WordVectors{{"a", "b"}, 2, {1, 2, 3}}), std::invalid_argument);
  EXPECT_THROW(WordVectorSpace(WordVectors{{"a", "a"}, 1, {1, 2}}), std::invalid_argument);
}

}  // namespace
}  // namespace runner::text
