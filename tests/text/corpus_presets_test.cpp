// The corpus configs shipped in configs/text/, applied to samples written in their files' layouts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/config/config_node.h"
#include "runner/text/corpus.h"
#include "text_test_util.h"

namespace runner::text {
namespace {

using ::runner::testing::TextTempFolder;
using Tokens = std::vector<std::string>;

CorpusConfig shipped_config(const std::string& name) {
  const auto root = config::ConfigNode::parse_file(std::filesystem::path(RUNNER_SOURCE_DIR) / "configs/text" / name);
  return parse_corpus_config(root.child("data"));
}

// The opening of Project Gutenberg's Romeo and Juliet (ebook 1513) in its layout: headings and speaker
// names in capitals on their own lines, indented entrances, bracketed directions with underscores.
const char* kRomeoSample =
    "\xEF\xBB\xBFThe Project Gutenberg eBook of Romeo and Juliet, by William Shakespeare\r\n"
    "\r\n"
    "*** START OF THE PROJECT GUTENBERG EBOOK ROMEO AND JULIET ***\r\n"
    "THE PROLOGUE\r\n"
    "\r\n"
    "  Enter Chorus.\r\n"
    "\r\n"
    "CHORUS.\r\n"
    "Two households, both alike in dignity,\r\n"
    "\r\n"
    "ACT I\r\n"
    "\r\n"
    "SCENE I. A public place.\r\n"
    "\r\n"
    " Enter Sampson and Gregory armed with swords and bucklers.\r\n"
    "\r\n"
    "SAMPSON.\r\n"
    "Gregory, on my word, we\xE2\x80\x99ll not carry coals.\r\n"
    "\r\n"
    "FRIAR LAWRENCE.\r\n"
    "[_Aside._] Holy Saint Francis!\r\n"
    "\r\n"
    " [_Exit._]\r\n"
    "*** END OF THE PROJECT GUTENBERG EBOOK ROMEO AND JULIET ***\r\n"
    "Updated editions will replace the previous one.\r\n";

TEST(CorpusPresets, RomeoAndJulietKeepsOnlySpokenLines) {
  TextTempFolder folder;
  CorpusConfig config = shipped_config("romeo_juliet_corpus.yaml");
  EXPECT_EQ(config.corpus, "data/romeo_and_juliet.txt");
  EXPECT_TRUE(config.gutenberg);
  EXPECT_TRUE(config.lowercase);

  config.corpus = folder.write("romeo.txt", kRomeoSample).string();
  EXPECT_EQ(load_corpus_tokens(config),
            (Tokens{"two", "households", ",", "both", "alike", "in", "dignity", ",", "gregory", ",", "on", "my",
                    "word", ",", "we", "'ll", "not", "carry", "coals", ".", "holy", "saint", "francis", "!"}));
}

TEST(CorpusPresets, KjvConfigReadsVerses) {
  TextTempFolder folder;
  CorpusConfig config = shipped_config("kjv_corpus.yaml");
  EXPECT_EQ(config.corpus, "data/kjv.txt");
  EXPECT_EQ(config.min_count, 2);

  // Two verses as scripts/prepare_kjv.sh writes them: one per line, references removed.
  config.corpus = folder
                      .write("kjv.txt",
                             "In the beginning God created the heaven and the earth.\n"
                             "And God said, Let there be light: and there was light.\n")
                      .string();
  EXPECT_EQ(load_corpus_tokens(config),
            (Tokens{"in", "the", "beginning", "god", "created", "the", "heaven", "and", "the", "earth", ".", "and",
                    "god", "said", ",", "let", "there", "be", "light", ":", "and", "there", "was", "light", "."}));
}

}  // namespace
}  // namespace runner::text
