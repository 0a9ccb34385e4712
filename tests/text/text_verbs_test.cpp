// `runner tokenize` and `runner vectors` through the real binary: output, messages and exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "../cli/process.h"
#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "text_test_util.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int kExitUsage = 2;
constexpr int kExitConfig = 3;
constexpr int kExitData = 4;

// Axes: royalty, maleness, fruit. king - man + woman lands on queen.
const char* kRoyalVectors =
    "5 3\n"
    "king 1 1 0\n"
    "queen 1 -1 0\n"
    "man 0 1 0\n"
    "woman 0 -1 0\n"
    "apple 0 0.2 1\n";

class TextVerbs : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(RUNNER_BINARY)) GTEST_SKIP() << "build the runner target first: " << RUNNER_BINARY;
  }

  // Runs the binary and returns its exit code. Its stdout and stderr together go to `output_`.
  int run(const std::vector<std::string>& arguments) {
    return run_runner(arguments, folder_.path() / "output.txt", output_);
  }

  TextTempFolder folder_;
  std::string output_;
};

TEST_F(TextVerbs, TokenizePlainFileWithoutCleanUp) {
  const auto file = folder_.write("plain.txt", "ROMEO.\nI don't know, \"Sir.\"\n");
  ASSERT_EQ(run({"tokenize", file.string()}), 0) << output_;
  EXPECT_EQ(output_, "ROMEO\n.\nI\ndo\nn't\nknow\n,\n``\nSir\n.\n''\n");
}

TEST_F(TextVerbs, TokenizeConfigAppliesCleanUp) {
  const auto corpus = folder_.write("play.txt", "ROMEO.\nBut soft [aside] what LIGHT.\n");
  const auto config = folder_.write("text.yaml", "data:\n  corpus: " + corpus.string() +
                                                     "\n  lowercase: true\n  remove: ['^[A-Z]+\\.$', "
                                                     "'\\[[^\\]]*\\]']\n  batch_size: 8\n");
  ASSERT_EQ(run({"tokenize", config.string()}), 0) << output_;
  EXPECT_EQ(output_, "but\nsoft\nwhat\nlight\n.\n");
}

TEST_F(TextVerbs, TokenizeInvalidRegexIsConfigError) {
  const auto config = folder_.write("bad.yml", "data:\n  corpus: x.txt\n  remove: ['(open']\n");
  EXPECT_EQ(run({"tokenize", config.string()}), kExitConfig);
  EXPECT_THAT(output_, HasSubstr("bad.yml:3:12: data.remove[0]: invalid regex '(open'"));
}

TEST_F(TextVerbs, TokenizeNonUtf8IsDataError) {
  const auto file = folder_.write("latin1.txt", "ok\nna\xEFve\n");
  EXPECT_EQ(run({"tokenize", file.string()}), kExitData);
  EXPECT_THAT(output_, HasSubstr(file.string() + ":2: invalid UTF-8 byte 0xEF at byte offset 5"));
}

TEST_F(TextVerbs, VectorsNeighborsSimilarityAnalogy) {
  const auto vectors = folder_.write("royal.vec", kRoyalVectors);
  ASSERT_EQ(run({"vectors", vectors.string(), "neighbors", "king", "-k", "2"}), 0) << output_;
  EXPECT_EQ(output_, "man\t0.707107\napple\t0.138675\n");

  ASSERT_EQ(run({"vectors", vectors.string(), "similarity", "man", "woman"}), 0) << output_;
  EXPECT_EQ(output_, "-1.000000\n");

  ASSERT_EQ(run({"vectors", vectors.string(), "analogy", "king", "man", "woman", "-k", "1"}), 0) << output_;
  EXPECT_THAT(output_, StartsWith("queen\t"));
}

TEST_F(TextVerbs, VectorsUsageErrors) {
  const auto vectors = folder_.write("royal.vec", kRoyalVectors);
  EXPECT_EQ(run({"vectors", vectors.string(), "neighbors", "kign"}), kExitUsage);
  EXPECT_THAT(output_, HasSubstr("word 'kign' is not in the vectors (5 words); closest known spellings: king, "));

  EXPECT_EQ(run({"vectors", vectors.string(), "analogy", "king", "man"}), kExitUsage);
  EXPECT_THAT(output_, HasSubstr("analogy takes 3 argument(s), got 2; usage: runner vectors SOURCE analogy A B C"));

  EXPECT_EQ(run({"vectors", vectors.string(), "nearest", "king"}), kExitUsage);
  EXPECT_THAT(output_, HasSubstr("unknown action 'nearest'"));

  EXPECT_EQ(run({"vectors", "not-a-run", "neighbors", "king"}), kExitUsage);
  EXPECT_THAT(output_, HasSubstr("SOURCE 'not-a-run' is neither an existing .vec file nor a run id"));
}

TEST_F(TextVerbs, VectorsMalformedFileIsDataError) {
  const auto vectors = folder_.write("bad.vec", "2 3\nking 1 2 3\nqueen 1 2\n");
  EXPECT_EQ(run({"vectors", vectors.string(), "neighbors", "king"}), kExitData);
  EXPECT_THAT(output_, HasSubstr("bad.vec:3: word 'queen' has 2 values, expected 3"));
}

results::RunRecord sample_run(const std::string& experiment) {
  results::RunRecord run;
  run.experiment = experiment;
  run.config_file = "text.yaml";
  run.config_json = "{}";
  run.device = "cpu";
  run.device_name = "cpu";
  run.host = "test";
  run.torch_version = "none";
  run.runner_version = "test";
  run.git_commit = "test";
  run.blas = "none";
  return run;
}

// A results database with run 1, which recorded `vectors` as its embedding, and run 2, which recorded
// none.
std::filesystem::path database_with_runs(const TextTempFolder& folder, const std::filesystem::path& vectors) {
  const auto database = folder.path() / "runs.db";
  results::ResultsStore store(database);
  const int64_t with_embedding = store.begin_run(sample_run("kjv_cbow"));
  results::record_run_file(store, with_embedding, "embedding.vec", vectors);
  results::set_run_links(store, with_embedding, results::RunLinks{{}, {}, {}, {}, std::string("cbow")});
  const int64_t without_embedding = store.begin_run(sample_run("kjv_lstm"));
  results::set_run_links(store, without_embedding, results::RunLinks{{}, {}, {}, {}, std::string("lstm_lm")});
  return database;
}

TEST_F(TextVerbs, VectorsOfRunIdQueryAndExport) {
  const auto database = database_with_runs(folder_, folder_.write("embedding.vec", kRoyalVectors));

  ASSERT_EQ(run({"vectors", "1", "similarity", "man", "woman", "--db", database.string()}), 0) << output_;
  EXPECT_EQ(output_, "-1.000000\n");

  const auto exported = folder_.path() / "exported.vec";
  ASSERT_EQ(run({"vectors", "1", "export", exported.string(), "--db", database.string()}), 0) << output_;
  EXPECT_THAT(output_, HasSubstr("wrote 5 vectors of dimension 3"));
  std::ifstream stream(exported);
  const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "5 3\nking 1 1 0\nqueen 1 -1 0\nman 0 1 0\nwoman 0 -1 0\napple 0 0.2 1\n");
}

TEST_F(TextVerbs, VectorsOfRunIdErrors) {
  const auto database = database_with_runs(folder_, folder_.write("embedding.vec", kRoyalVectors));

  EXPECT_EQ(run({"vectors", "2", "neighbors", "king", "--db", database.string()}), kExitData);
  EXPECT_THAT(output_, HasSubstr("run 2 (experiment 'kjv_lstm', task 'lstm_lm') recorded no embedding.vec"));

  EXPECT_EQ(run({"vectors", "9", "neighbors", "king", "--db", database.string()}), kExitUsage);
  EXPECT_THAT(output_, HasSubstr("run 9 not found in " + database.string()));

  EXPECT_EQ(run({"vectors", "1", "neighbors", "king", "--db", (folder_.path() / "missing.db").string()}), kExitData);
  EXPECT_THAT(output_, HasSubstr("missing.db not found; pass the run's database with --db FILE"));
}

}  // namespace
}  // namespace runner::testing
