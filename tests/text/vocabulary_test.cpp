// The vocabulary: ids, counts, min_count, the unknown token, and its file format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/errors.h"
#include "runner/text/held_out_split.h"
#include "runner/text/prepared_corpus.h"
#include "runner/text/tokenizer.h"
#include "runner/text/vocabulary.h"
#include "text_test_util.h"

namespace runner::text {
namespace {

using ::runner::testing::error_message;
using ::runner::testing::TextTempFolder;
using ::testing::HasSubstr;
using Strings = std::vector<std::string>;

TEST(Vocabulary, OrdersByCountThenAlphabetically) {
  const Vocabulary vocabulary = Vocabulary::build(tokenize("b a c a b d a d e"), 1, "<unk>");
  EXPECT_EQ(vocabulary.words(), (Strings{"<unk>", "a", "b", "d", "c", "e"}));
  EXPECT_EQ(vocabulary.counts(), (std::vector<int64_t>{0, 3, 2, 2, 1, 1}));
  EXPECT_EQ(vocabulary.size(), 6);
  EXPECT_EQ(vocabulary.total_count(), 9);
}

TEST(Vocabulary, MinCountSendsRareWordsToUnknown) {
  const Vocabulary vocabulary = Vocabulary::build({"a", "a", "a", "b", "b", "c", "d", "d", "d", "d", "<unk>"}, 2, "<unk>");
  EXPECT_EQ(vocabulary.words(), (Strings{"<unk>", "d", "a", "b"}));
  EXPECT_EQ(vocabulary.count(Vocabulary::kUnknownId), 2);  // c and the literal <unk>
  EXPECT_EQ(vocabulary.id("d"), 1);
  EXPECT_EQ(vocabulary.id("c"), Vocabulary::kUnknownId);
  EXPECT_EQ(vocabulary.id("never seen"), Vocabulary::kUnknownId);
  EXPECT_EQ(vocabulary.find("c"), std::nullopt);
  EXPECT_EQ(vocabulary.find("b"), std::optional<int64_t>(3));
  EXPECT_EQ(vocabulary.word(2), "a");
}

TEST(Vocabulary, EncodeAndDecode) {
  const Vocabulary vocabulary = Vocabulary::build(tokenize("x y y z z z"), 2, "<unk>");
  EXPECT_EQ(vocabulary.encode({"z", "x", "y", "q"}), (std::vector<int64_t>{1, 0, 2, 0}));
  EXPECT_EQ(vocabulary.decode({2, 1, 0}), (Strings{"y", "z", "<unk>"}));
}

TEST(Vocabulary, OneWordIsAnError) {
  const std::string message = error_message<DataError>([] { Vocabulary::build({"a", "a", "a"}, 1, "<unk>"); });
  EXPECT_THAT(message, HasSubstr("only 1 of the corpus's 1 distinct words occur at least min_count = 1 times"));
  EXPECT_THAT(message, HasSubstr("lower data.min_count"));
}

TEST(Vocabulary, OnlyUnknownIsAnError) {
  EXPECT_THAT(error_message<DataError>([] { Vocabulary::build({"a", "b", "c"}, 2, "<unk>"); }),
              HasSubstr("only 0 of the corpus's 3 distinct words"));
}

TEST(Vocabulary, ConstructorRejectsDuplicates) {
  EXPECT_THROW(Vocabulary({"<unk>", "a", "a"}, {0, 1, 1}), std::invalid_argument);
  EXPECT_THROW(Vocabulary({"<unk>", "a"}, {0, 1}), std::invalid_argument);
  EXPECT_THROW(Vocabulary({"<unk>", "a", "b"}, {0, -1, 1}), std::invalid_argument);
}

TEST(Vocabulary, SaveLoadRoundTrip) {
  TextTempFolder folder;
  const Vocabulary vocabulary = Vocabulary::build(tokenize("the cat saw the dog and the cat ran"), 1, "<unk>");
  vocabulary.save(folder.path() / "vocab.tsv");
  const Vocabulary loaded = Vocabulary::load(folder.path() / "vocab.tsv");
  EXPECT_EQ(loaded.words(), vocabulary.words());
  EXPECT_EQ(loaded.counts(), vocabulary.counts());
  EXPECT_EQ(loaded.id("cat"), vocabulary.id("cat"));
  EXPECT_EQ(loaded.unknown_token(), "<unk>");
}

TEST(Vocabulary, SavedFormatIsWordTabCount) {
  TextTempFolder folder;
  Vocabulary({"<unk>", "b", "a"}, {4, 3, 1}).save(folder.path() / "v.tsv");
  std::ifstream stream(folder.path() / "v.tsv");
  const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "<unk>\t4\nb\t3\na\t1\n");
}

TEST(Vocabulary, LoadErrorsNameTheLine) {
  TextTempFolder folder;
  const auto load_error = [&](const std::string& text) {
    const auto file = folder.write("bad.tsv", text);
    return error_message<DataError>([&] { Vocabulary::load(file); });
  };
  EXPECT_THAT(load_error("<unk>\t0\na 3\nb\t1\n"), HasSubstr("bad.tsv:2: expected exactly one tab, got 'a 3'"));
  EXPECT_THAT(load_error("<unk>\t0\na\t3\nb\tmany\n"), HasSubstr("bad.tsv:3: the count 'many' is not a non-negative "
                                                                 "integer"));
  EXPECT_THAT(load_error("<unk>\t0\na\t-3\nb\t1\n"), HasSubstr("bad.tsv:2: the count '-3'"));
  EXPECT_THAT(load_error("<unk>\t0\na\t3\na\t1\n"), HasSubstr("bad.tsv:3: word 'a' already appears on line 2"));
  EXPECT_THAT(load_error("<unk>\t0\n\t3\nb\t1\n"), HasSubstr("bad.tsv:2: the word is empty"));
  EXPECT_THAT(load_error("<unk>\t0\na\t3\tx\n"), HasSubstr("bad.tsv:2: expected exactly one tab"));
  EXPECT_THAT(load_error("<unk>\t0\na\t3\n"), HasSubstr("has 2 lines"));
  EXPECT_THAT(error_message<DataError>([&] { Vocabulary::load(folder.path() / "missing.tsv"); }),
              HasSubstr("not found"));
}

TEST(HeldOutSplit, TailFractionRounded) {
  const HeldOutSplit split = split_held_out(1000, 0.1);
  EXPECT_EQ(split.split_index, 900);
  EXPECT_EQ(split.train_tokens(), 900);
  EXPECT_EQ(split.held_out_tokens(), 100);
  EXPECT_EQ(split_held_out(7, 0.25).split_index, 5);  // round(1.75) = 2 held out
  EXPECT_EQ(split_held_out(10, 0.0).split_index, 10);
  EXPECT_THROW(split_held_out(10, 1.0), std::invalid_argument);
  EXPECT_THROW(split_held_out(10, -0.1), std::invalid_argument);

  const nlohmann::json json = split.to_json();
  EXPECT_EQ(json["total_tokens"], 1000);
  EXPECT_EQ(json["train_tokens"], 900);
  EXPECT_EQ(json["held_out_tokens"], 100);
  EXPECT_EQ(json["split_index"], 900);
  EXPECT_DOUBLE_EQ(json["held_out_fraction"].get<double>(), 0.1);
}

TEST(PreparedCorpus, VocabularyFromTrainingPartOnly) {
  TextTempFolder folder;
  // 12 tokens; held_out 0.25 keeps the last 3 ("zebra zebra .") out of the vocabulary.
  const auto file = folder.write("c.txt", "The cat sat. The dog sat.\nA zebra zebra.\n");
  CorpusConfig config;
  config.corpus = file.string();
  config.lowercase = true;
  config.held_out = 0.25;
  const PreparedCorpus corpus = prepare_corpus(config);

  EXPECT_EQ(corpus.split.total_tokens, 12);
  EXPECT_EQ(corpus.split.split_index, 9);
  EXPECT_EQ(corpus.vocabulary.words(), (Strings{"<unk>", ".", "sat", "the", "a", "cat", "dog"}));
  EXPECT_EQ(corpus.vocabulary.total_count(), 9);
  EXPECT_EQ(corpus.ids, (std::vector<int64_t>{3, 5, 2, 1, 3, 6, 2, 1, 4, 0, 0, 1}));

  const nlohmann::json summary = corpus_summary(corpus);
  EXPECT_EQ(summary["train_tokens"], 9);
  EXPECT_EQ(summary["held_out_tokens"], 3);
  EXPECT_EQ(summary["vocabulary_size"], 7);
  EXPECT_EQ(summary["unknown_train_tokens"], 0);
  EXPECT_EQ(summary["unknown_held_out_tokens"], 2);
}

TEST(PreparedCorpus, NoTrainingTokensIsConfigError) {
  TextTempFolder folder;
  CorpusConfig config;
  config.corpus = folder.write("tiny.txt", "one").string();
  config.held_out = 0.9;
  EXPECT_THAT(error_message<ConfigError>([&] { prepare_corpus(config); }),
              HasSubstr("data.held_out: holding out 0.9 of the corpus's 1 tokens leaves none for training"));
}

}  // namespace
}  // namespace runner::text
