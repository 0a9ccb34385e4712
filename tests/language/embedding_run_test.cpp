// Whole skip-gram runs through the text driver on a KJV slice: the run records a readable
// embedding.vec that `runner vectors` can query, and a wrong optimizer is a config error that
// writes no run.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "runner/text/vec_file.h"
#include "runner/text/vocabulary.h"
#include "tests/cli/process.h"
#include "text_run_test_util.h"

namespace runner::language {
namespace {

using testing::final_metric;
using testing::kKjvData;
using testing::query_int;
using testing::run_config;
using testing::stored_file;
using testing::stored_run;
using testing::TestFolder;
using testing::write_kjv;

// A short negative-sampling skip-gram on Genesis 1-11, one thread so that it repeats exactly.
std::string skipgram_yaml(const std::filesystem::path& corpus, const std::filesystem::path& database,
                          const std::string& optimizer) {
  return fmt::format(
      "name: embedding_run\nseed: 3\nthreads: 1\n"
      "data: {{corpus: {}, {}}}\n"
      "task: {{type: skipgram, loss: negative_sampling, context: 3, embedding_dim: 16, negatives: 5, "
      "subsample: 1.0e-3}}\n"
      "optimizer: {}\n"
      "training: {{epochs: 2, batch_size: 500, log_every: 5}}\n"
      "results: {{database: {}}}\n",
      corpus.string(), kKjvData, optimizer, database.string());
}

TEST(SkipGramRun, RecordsReadableEmbeddingVec) {
  TestFolder folder;
  ASSERT_TRUE(write_kjv(folder.file("kjv.txt"), "gen1:1", "gen11:32"));
  const auto database = folder.file("runs.db");
  const auto outcome = run_config(folder.file("skipgram.yaml"),
                                  skipgram_yaml(folder.file("kjv.txt"), database, "{name: sgd, lr: 0.025}"));
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk);
  EXPECT_EQ(stored_run(database, outcome.run_id).task, "skipgram");

  const auto vec_file = stored_file(database, outcome.run_id, "embedding.vec");
  ASSERT_FALSE(vec_file.empty()) << "run_files has no embedding.vec";
  const text::WordVectors vectors = text::read_vec_file(vec_file);
  const text::Vocabulary vocabulary = text::Vocabulary::load(stored_file(database, outcome.run_id, "vocabulary.txt"));
  EXPECT_EQ(vectors.dim, 16);
  EXPECT_EQ(vectors.words, vocabulary.words());
  for (float value : vectors.values) ASSERT_TRUE(std::isfinite(value));

  // Training moved the held-out loss below that of all-zero output vectors, (1 + 5) log 2.
  EXPECT_LT(final_metric(database, outcome.run_id, "held_out_loss"), 6.0 * std::log(2.0) - 0.3);
  const int64_t step_rows = query_int(
      database,
      fmt::format("SELECT count(*) FROM step_metrics WHERE run_id = {} AND name = 'train_loss'", outcome.run_id));
  EXPECT_GT(step_rows, 0);
}

TEST(SkipGramRun, RunnerVectorsQueriesRecordedRun) {
  TestFolder folder;
  ASSERT_TRUE(write_kjv(folder.file("kjv.txt"), "gen1:1", "gen11:32"));
  const auto database = folder.file("runs.db");
  const auto outcome = run_config(folder.file("skipgram.yaml"),
                                  skipgram_yaml(folder.file("kjv.txt"), database, "{name: sgd, lr: 0.025}"));
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk);

  std::string output;
  const int code = runner::testing::run_runner(
      {"vectors", std::to_string(outcome.run_id), "neighbors", "god", "-k", "3", "--db", database.string()},
      folder.file("vectors.txt"), output);
  EXPECT_EQ(code, 0) << output;
  int lines = 0;
  for (char c : output) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 3) << output;
}

TEST(SkipGramRun, AdamIsConfigErrorWithoutRun) {
  TestFolder folder;
  ASSERT_TRUE(write_kjv(folder.file("kjv.txt"), "gen1:1", "gen2:25"));
  const auto database = folder.file("runs.db");
  const auto config = folder.file("adam.yaml");

  std::string output;
  testing::write_file(config, skipgram_yaml(folder.file("kjv.txt"), database, "{name: adam, lr: 0.001}"));
  const int code = runner::testing::run_runner({config.string(), "-q"}, folder.file("adam.txt"), output);
  EXPECT_EQ(code, static_cast<int>(ExitCode::kConfig)) << output;
  EXPECT_NE(output.find("optimizer.name"), std::string::npos) << output;
  EXPECT_NE(output.find("sgd"), std::string::npos) << output;
  if (std::filesystem::exists(database)) {
    EXPECT_EQ(query_int(database, "SELECT count(*) FROM runs"), 0);
  }
}

TEST(SkipGramRun, ShowListsStageParameters) {
  TestFolder folder;
  ASSERT_TRUE(write_kjv(folder.file("kjv.txt"), "gen1:1", "gen11:32"));
  const auto database = folder.file("runs.db");
  const auto config = folder.file("skipgram.yaml");
  testing::write_file(config, skipgram_yaml(folder.file("kjv.txt"), database, "{name: sgd, lr: 0.025}"));
  std::string output;
  const int code = runner::testing::run_runner({"show", config.string()}, folder.file("show.txt"), output);

  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("stage skipgram (skipgram)"), std::string::npos) << output;
  const std::string marker = "vocabulary of ";
  const size_t at = output.find(marker);
  ASSERT_NE(at, std::string::npos) << output;
  const int64_t words = std::stoll(output.substr(at + marker.size()));
  EXPECT_GT(words, 100) << output;
  // Input and output vectors: one row of 16 values per word.
  const size_t input_row = output.find("input_vectors ");
  ASSERT_NE(input_row, std::string::npos) << output;
  EXPECT_EQ(output.substr(input_row, output.find('\n', input_row) - input_row).find(fmt::format(" {} x 16 ", words)) !=
                std::string::npos,
            true)
      << output;
  EXPECT_NE(output.find(fmt::format("total parameters: {}\n", 2 * 16 * words)), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(database)) << "show must not open the results database";
}

}  // namespace
}  // namespace runner::language
