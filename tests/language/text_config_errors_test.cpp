// Invalid text configs: each error names the file, line and key, maps to exit code 3 (config) or 4
// (data), and leaves the results database unwritten.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "text_run_test_util.h"

namespace runner::language {
namespace {

using testing::kKjvData;

class TextConfigErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::write_kjv(corpus_, "gen1:1", "gen1:10")); }

  // Runs the standard header lines followed by `rest`, and returns the exit code. What the run
  // printed on stderr is kept in `errors_`.
  ExitCode run(const std::string& rest) {
    const std::string yaml =
        fmt::format("name: broken\nthreads: 1\ndata: {{corpus: {}, {}}}\nresults: {{database: {}}}\n{}",
                    corpus_.string(), kKjvData, database_.string(), rest);
    ::testing::internal::CaptureStderr();
    const train::RunOutcome outcome = testing::run_config(config_, yaml);
    errors_ = ::testing::internal::GetCapturedStderr();
    return outcome.exit_code;
  }

  testing::TestFolder folder_;
  std::filesystem::path corpus_ = folder_.file("genesis1.txt");
  std::filesystem::path database_ = folder_.file("runs.db");
  std::filesystem::path config_ = folder_.file("config.yaml");
  std::string errors_;
};

TEST_F(TextConfigErrorsTest, UnknownTaskType) {
  EXPECT_EQ(run("task: {type: ngrm}\n"), ExitCode::kConfig);
  EXPECT_NE(errors_.find(config_.string() + ":5:"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("task.type"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("ngram"), std::string::npos) << "the closest valid name: " << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, ContextLongerThanCorpus) {
  // Genesis 1:1-10 has about 250 tokens, 225 of them in the training part.
  EXPECT_EQ(run("task:\n  type: ngram\n  context: 5000\n"), ExitCode::kConfig);
  EXPECT_NE(errors_.find(config_.string() + ":7:"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("task.context"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("too few for one training window"), std::string::npos) << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, VocabularyOfOneWord) {
  testing::write_file(corpus_, "Ge1:1 amen amen amen amen\nGe1:2 amen amen amen\n");
  EXPECT_EQ(run("task: {type: ngram, context: 2}\n"), ExitCode::kData);
  EXPECT_NE(errors_.find(config_.string() + ":3:"), std::string::npos) << "where data.corpus is: " << errors_;
  EXPECT_NE(errors_.find("min_count"), std::string::npos) << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, UnknownTaskKey) {
  EXPECT_EQ(run("task: {type: ngram, contxt: 3}\n"), ExitCode::kConfig);
  EXPECT_NE(errors_.find("task.contxt"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("context"), std::string::npos) << "suggests the known key: " << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, FromStageMustBeEarlier) {
  const std::string stages = R"(stages:
  - name: first
    task: {type: ngram, init_embedding: {from_stage: second}}
  - name: second
    task: {type: ngram}
)";
  EXPECT_EQ(run(stages), ExitCode::kConfig);
  EXPECT_NE(errors_.find(config_.string() + ":7:"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("'second' is not an earlier stage"), std::string::npos) << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, CopiedEmbeddingDimensionMismatch) {
  const std::string stages = R"(stages:
  - name: first
    task: {type: ngram, embedding_dim: 16}
  - name: second
    task: {type: ngram, embedding_dim: 8, init_embedding: {from_stage: first}}
)";
  EXPECT_EQ(run(stages), ExitCode::kConfig);
  EXPECT_NE(errors_.find(config_.string() + ":9:"), std::string::npos) << errors_;
  EXPECT_NE(errors_.find("embedding_dim"), std::string::npos) << "the hint names the key to change: " << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, EpochsAndStepsTogether) {
  EXPECT_EQ(run("task: {type: ngram}\ntraining: {epochs: 1, steps: 10}\n"), ExitCode::kConfig);
  EXPECT_NE(errors_.find("training.steps"), std::string::npos) << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

TEST_F(TextConfigErrorsTest, SequenceModelNeedsOneVectorPerWindow) {
  const std::string task = R"(task:
  type: transformer_lm
  context: 8
  embedding_dim: 16
  model:
    layers:
      - {type: self_attention, heads: 2, causal: true}
)";
  EXPECT_EQ(run(task), ExitCode::kConfig);
  EXPECT_NE(errors_.find("one vector per window"), std::string::npos) << errors_;
  EXPECT_FALSE(std::filesystem::exists(database_));
}

}  // namespace
}  // namespace runner::language
