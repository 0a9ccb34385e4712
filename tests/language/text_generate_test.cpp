// `runner generate` on a trained n-gram run: reproducible samples for a seed, a prompt word outside
// the vocabulary reported, and invalid options rejected with exit code 2.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../cli/process.h"
#include "text_run_test_util.h"

namespace runner::language {
namespace {

using testing::kKjvData;

class TextGenerateTest : public ::testing::Test {
 protected:
  // One small n-gram run (run 1) and one CBOW run (run 2) shared by the tests.
  static void SetUpTestSuite() {
    folder_ = new testing::TestFolder();
    database_ = folder_->file("runs.db");
    const auto corpus = folder_->file("genesis.txt");
    if (!testing::write_kjv(corpus, "gen1:1", "gen4:26")) return;
    const std::string yaml = fmt::format(R"(name: generate
seed: 2
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
stages:
  - name: next_word
    task: {{type: ngram, context: 4, embedding_dim: 16}}
    optimizer: {{name: adamw, lr: 0.005}}
    training: {{steps: 200, batch_size: 64, log_every: 0}}
  - name: cbow
    task: {{type: cbow, context: 2, embedding_dim: 16, loss: softmax}}
    training: {{steps: 5, batch_size: 32, log_every: 0}}
)",
                                         corpus.string(), kKjvData, database_.string());
    exit_code_ = testing::run_config(folder_->file("generate.yaml"), yaml).exit_code;
  }
  static void TearDownTestSuite() { delete folder_; }

  void SetUp() override { ASSERT_EQ(exit_code_, ExitCode::kOk); }

  // Runs `runner generate` with `arguments` after the run id and --db; returns the exit code.
  int generate(const std::string& run, const std::vector<std::string>& arguments, std::string& output) {
    std::vector<std::string> command = {"generate", run, "--db", database_.string()};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return runner::testing::run_runner(command, folder_->file("generate.out"), output);
  }

  static inline testing::TestFolder* folder_ = nullptr;
  static inline std::filesystem::path database_;
  static inline ExitCode exit_code_ = ExitCode::kRunFailed;
};

// The lines of `output` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& output, const std::string& prefix) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < output.size()) {
    size_t end = output.find('\n', begin);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(begin, end - begin);
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

TEST_F(TextGenerateTest, SameSeedSameSamples) {
  const std::vector<std::string> arguments = {"--prompt", "And God said", "--seed", "11", "--samples",
                                              "3",        "--tokens",     "8"};
  std::string first;
  std::string second;
  ASSERT_EQ(generate("1", arguments, first), 0) << first;
  ASSERT_EQ(generate("1", arguments, second), 0) << second;

  // The corpus is lowercased, so the detokenizer capitalizes only the first word of each sample.
  const std::vector<std::string> samples = lines_starting(first, "And god said");
  EXPECT_EQ(samples.size(), 3U) << first;
  EXPECT_EQ(samples, lines_starting(second, "And god said"));
  EXPECT_NE(first.find("seed 11"), std::string::npos) << first;
}

TEST_F(TextGenerateTest, OtherSeedOtherSamples) {
  std::string first;
  std::string second;
  ASSERT_EQ(generate("1", {"--prompt", "And God said", "--seed", "1", "--tokens", "12"}, first), 0) << first;
  ASSERT_EQ(generate("1", {"--prompt", "And God said", "--seed", "2", "--tokens", "12"}, second), 0) << second;
  EXPECT_NE(lines_starting(first, "And god said"), lines_starting(second, "And god said"));
}

TEST_F(TextGenerateTest, UnknownPromptWordReported) {
  std::string output;
  ASSERT_EQ(generate("1", {"--prompt", "God zyxxyq", "--seed", "3", "--samples", "1"}, output), 0) << output;
  EXPECT_NE(output.find("prompt word 'zyxxyq' is not in the vocabulary of run 1"), std::string::npos) << output;
  EXPECT_NE(output.find("unknown token <unk>"), std::string::npos) << output;
  EXPECT_EQ(lines_starting(output, "God zyxxyq").size(), 1U) << "the sample keeps the typed word: " << output;
}

TEST_F(TextGenerateTest, ShortPromptIsPadded) {
  std::string output;
  ASSERT_EQ(generate("1", {"--prompt", "light", "--seed", "4", "--samples", "2", "--top-k", "5"}, output), 0) << output;
  EXPECT_EQ(lines_starting(output, "Light").size(), 2U) << output;
}

TEST_F(TextGenerateTest, InvalidOptionsAreUsageErrors) {
  std::string output;
  EXPECT_EQ(generate("1", {"--prompt", "god", "--temperature", "0"}, output), 2) << output;
  EXPECT_NE(output.find("--temperature must be > 0, got 0"), std::string::npos) << output;
  EXPECT_EQ(generate("1", {"--prompt", "god", "--top-k", "-1"}, output), 2) << output;
  EXPECT_NE(output.find("--top-k must be >= 0"), std::string::npos) << output;
  EXPECT_EQ(generate("99", {"--prompt", "god"}, output), 2) << output;
  EXPECT_NE(output.find("run 99 not found"), std::string::npos) << output;
}

TEST_F(TextGenerateTest, EmbeddingRunCannotGenerate) {
  std::string output;
  EXPECT_EQ(generate("2", {"--prompt", "god"}, output), 2) << output;
  EXPECT_NE(output.find("task cbow, which does not predict the next token"), std::string::npos) << output;
}

}  // namespace
}  // namespace runner::language
