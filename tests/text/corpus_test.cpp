// Reading a corpus: the data section, UTF-8 checks, Gutenberg stripping, regex clean-up, lowercasing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "runner/config/config_node.h"
#include "runner/text/corpus.h"
#include "runner/text/gutenberg.h"
#include "text_test_util.h"

namespace runner::text {
namespace {

using ::runner::testing::error_message;
using ::runner::testing::TextTempFolder;
using ::testing::HasSubstr;

// Parses a YAML document whose `data:` section is `data_yaml` and returns its corpus config.
CorpusConfig parse_data(const std::string& data_yaml, config::ConfigNode* root_out = nullptr) {
  const config::ConfigNode root = config::ConfigNode::parse_string("data:\n" + data_yaml, "test.yaml");
  if (root_out != nullptr) *root_out = root;
  return parse_corpus_config(root.child("data"));
}

CorpusConfig config_for(const std::filesystem::path& corpus) {
  CorpusConfig config;
  config.corpus = corpus.string();
  return config;
}

// A Project Gutenberg file as they are distributed: BOM, CRLF line endings, header, body, licence.
std::string gutenberg_file(const std::string& start_marker) {
  return "\xEF\xBB\xBFThe Project Gutenberg eBook of Romeo and Juliet\r\n"
         "This eBook is for the use of anyone anywhere.\r\n"
         "\r\n" +
         start_marker +
         "\r\n"
         "ROMEO.\r\n"
         "But soft, what light through yonder window breaks?\r\n"
         "*** END OF THE PROJECT GUTENBERG EBOOK ROMEO AND JULIET ***\r\n"
         "Section 1. General Terms of Use and Redistributing Project Gutenberg\r\n";
}

TEST(CorpusConfig, DefaultsAreRecorded) {
  config::ConfigNode root;
  const CorpusConfig config = parse_data("  corpus: data/kjv.txt\n", &root);
  EXPECT_EQ(config.corpus, "data/kjv.txt");
  EXPECT_FALSE(config.gutenberg);
  EXPECT_FALSE(config.lowercase);
  EXPECT_TRUE(config.remove.empty());
  EXPECT_EQ(config.min_count, 1);
  EXPECT_EQ(config.unknown_token, "<unk>");
  EXPECT_DOUBLE_EQ(config.held_out, 0.1);

  const nlohmann::json& data = root.resolved()["data"];
  EXPECT_EQ(data["corpus"], "data/kjv.txt");
  EXPECT_EQ(data["gutenberg"], false);
  EXPECT_EQ(data["remove"], nlohmann::json::array());
  EXPECT_EQ(data["lowercase"], false);
  EXPECT_EQ(data["min_count"], 1);
  EXPECT_EQ(data["unknown_token"], "<unk>");
  EXPECT_DOUBLE_EQ(data["held_out"].get<double>(), 0.1);
}

TEST(CorpusConfig, ReadsEveryKey) {
  config::ConfigNode root;
  const CorpusConfig config = parse_data(
      "  corpus: r.txt\n  gutenberg: true\n  remove: ['\\[[^\\]]*\\]', '^[A-Z]+\\.$']\n  lowercase: true\n"
      "  min_count: 3\n  unknown_token: UNK\n  held_out: 0.25\n",
      &root);
  EXPECT_TRUE(config.gutenberg);
  EXPECT_TRUE(config.lowercase);
  ASSERT_EQ(config.remove.size(), 2u);
  EXPECT_EQ(config.remove[0].pattern, "\\[[^\\]]*\\]");
  EXPECT_EQ(config.remove[1].pattern, "^[A-Z]+\\.$");
  EXPECT_EQ(config.remove[1].location.line, 4);
  EXPECT_EQ(config.min_count, 3);
  EXPECT_EQ(config.unknown_token, "UNK");
  EXPECT_DOUBLE_EQ(config.held_out, 0.25);
  EXPECT_EQ(root.resolved()["data"]["remove"], (nlohmann::json{"\\[[^\\]]*\\]", "^[A-Z]+\\.$"}));
}

TEST(CorpusConfig, InvalidRegexNamesLocationAndPattern) {
  const std::string message =
      error_message<ConfigError>([] { parse_data("  corpus: r.txt\n  remove:\n    - 'ok'\n    - '[unclosed'\n"); });
  EXPECT_THAT(message, HasSubstr("test.yaml:5:7: data.remove[1]: invalid regex '[unclosed': "));
  EXPECT_THAT(message, HasSubstr("ECMAScript"));
}

TEST(CorpusConfig, RemoveMustBeAList) {
  const std::string message = error_message<ConfigError>([] { parse_data("  corpus: r.txt\n  remove: 'abc'\n"); });
  EXPECT_THAT(message, HasSubstr("data.remove: must be a list of regexes, got the single string 'abc'"));
}

TEST(CorpusConfig, BadValuesAreRejected) {
  EXPECT_THAT(error_message<ConfigError>([] { parse_data("  gutenberg: true\n"); }), HasSubstr("data.corpus"));
  EXPECT_THAT(error_message<ConfigError>([] { parse_data("  corpus: r.txt\n  held_out: 1.0\n"); }),
              HasSubstr("data.held_out"));
  EXPECT_THAT(error_message<ConfigError>([] { parse_data("  corpus: r.txt\n  min_count: 0\n"); }),
              HasSubstr("data.min_count"));
  EXPECT_THAT(error_message<ConfigError>([] { parse_data("  corpus: r.txt\n  unknown_token: 'a b'\n"); }),
              HasSubstr("data.unknown_token: must be one word without whitespace, got 'a b'"));
}

TEST(Gutenberg, StripsHeaderAndFooterWithBomAndCrlf) {
  TextTempFolder folder;
  CorpusConfig config = config_for(folder.write("romeo.txt", gutenberg_file(
                                                                  "*** START OF THE PROJECT GUTENBERG EBOOK ROMEO AND "
                                                                  "JULIET ***")));
  config.gutenberg = true;
  EXPECT_EQ(load_corpus_text(config), "ROMEO.\nBut soft, what light through yonder window breaks?\n");
}

TEST(Gutenberg, AcceptsOlderThisForm) {
  const std::string text =
      "header\n***START OF THIS PROJECT GUTENBERG EBOOK HAMLET***\nbody line\n"
      "*** END OF THIS PROJECT GUTENBERG EBOOK HAMLET ***\nlicence\n";
  EXPECT_EQ(strip_gutenberg(text), "body line\n");
}

TEST(Gutenberg, TextWithoutMarkersIsKept) {
  EXPECT_EQ(strip_gutenberg("plain text\nwith *** stars ***\n"), "plain text\nwith *** stars ***\n");
}

TEST(Gutenberg, OffKeepsHeaderButDropsBomAndCr) {
  TextTempFolder folder;
  const CorpusConfig config =
      config_for(folder.write("romeo.txt", gutenberg_file("*** START OF THE PROJECT GUTENBERG EBOOK X ***")));
  const std::string text = load_corpus_text(config);
  EXPECT_EQ(text.rfind("The Project Gutenberg eBook", 0), 0u);
  EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST(Removals, DeleteMatchesLineByLine) {
  const CorpusConfig config =
      parse_data("  corpus: r.txt\n  remove: ['\\[[^\\]]*\\]', '^[A-Z][A-Z ]*\\.$', '^ *Enter\\b.*$']\n");
  const std::string play =
      "ROMEO.\nBut soft [aside] what light.\n Enter Juliet above.\nFRIAR LAWRENCE.\nIt is the east.\n";
  EXPECT_EQ(apply_removals(play, config.remove), "\nBut soft  what light.\n\n\nIt is the east.\n");
}

TEST(Removals, AppliedInOrder) {
  const CorpusConfig config = parse_data("  corpus: r.txt\n  remove: ['ab', 'c']\n");
  EXPECT_EQ(apply_removals("aabcb", config.remove), "ab");
}

TEST(Removals, LastLineWithoutNewline) {
  const CorpusConfig config = parse_data("  corpus: r.txt\n  remove: ['x']\n");
  EXPECT_EQ(apply_removals("axb\ncxd", config.remove), "ab\ncd");
}

TEST(CorpusText, CleanUpRunsInOrderAndLowercases) {
  TextTempFolder folder;
  const auto file = folder.write("play.txt", "*** START OF THE PROJECT GUTENBERG EBOOK X ***\nROMEO.\nSoft! "
                                             "\xC3\x89" "COLE Stra\xC3\x9F" "e.\n*** END OF THE PROJECT GUTENBERG EBOOK X "
                                             "***\n");
  CorpusConfig config = parse_data("  corpus: " + file.string() +
                                   "\n  gutenberg: true\n  lowercase: true\n  remove: ['^[A-Z]+\\.$']\n");
  EXPECT_EQ(load_corpus_text(config), "\nsoft! \xC3\xA9" "cole stra\xC3\x9F" "e.\n");
  EXPECT_EQ(load_corpus_tokens(config),
            (std::vector<std::string>{"soft", "!", "\xC3\xA9" "cole", "stra\xC3\x9F" "e", "."}));
}

TEST(CorpusFile, InvalidUtf8NamesLineAndOffset) {
  TextTempFolder folder;
  const auto file = folder.write("latin1.txt", "first line\nsecond caf\xE9 line\n");
  const std::string message = error_message<DataError>([&] { read_corpus_file(file); });
  EXPECT_THAT(message, HasSubstr(file.string() + ":2: invalid UTF-8 byte 0xE9 at byte offset 21 (line 2, column 11)"));
  EXPECT_THAT(message, HasSubstr("iconv"));
}

TEST(CorpusFile, TruncatedSequenceIsInvalid) {
  TextTempFolder folder;
  const auto file = folder.write("cut.txt", "ok\xE2\x80");
  EXPECT_THAT(error_message<DataError>([&] { read_corpus_file(file); }), HasSubstr(":1: invalid UTF-8 byte 0xE2 at "
                                                                                    "byte offset 2"));
}

TEST(CorpusFile, MissingFileIsDataError) {
  EXPECT_THAT(error_message<DataError>([] { load_corpus_tokens(config_for("/nonexistent/corpus.txt")); }),
              HasSubstr("corpus file /nonexistent/corpus.txt not found"));
}

TEST(CorpusFile, EmptyCorpusIsDataError) {
  TextTempFolder folder;
  EXPECT_THAT(error_message<DataError>([&] { load_corpus_tokens(config_for(folder.write("e.txt", ""))); }),
              HasSubstr("is empty"));
  EXPECT_THAT(error_message<DataError>([&] { load_corpus_tokens(config_for(folder.write("b.txt", "\xEF\xBB\xBF \n\n"))); }),
              HasSubstr("is empty"));
}

TEST(CorpusFile, NothingLeftAfterCleanUpIsDataError) {
  TextTempFolder folder;
  const auto file = folder.write("only_names.txt", "ROMEO.\nJULIET.\n");
  const CorpusConfig config = parse_data("  corpus: " + file.string() + "\n  remove: ['^[A-Z]+\\.$']\n");
  EXPECT_THAT(error_message<DataError>([&] { load_corpus_tokens(config); }),
              HasSubstr("has no words left after clean-up"));
}

}  // namespace
}  // namespace runner::text
