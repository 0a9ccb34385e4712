// A CBOW stage and then an n-gram stage that starts from its embedding, trained by the text driver on
// a real slice of the King James text: the runs, their links, files and metrics as stored.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runner/language/stage_trainer.h"
#include "runner/language/token_corpus.h"
#include "runner/text/vec_file.h"
#include "text_run_test_util.h"

namespace runner::language {
namespace {

using testing::final_metric;
using testing::kKjvData;
using testing::query_int;
using testing::run_config;
using testing::stored_file;
using testing::stored_run;

// Genesis 1 to 11: about 10,000 tokens and 700 words at min_count 2.
std::string stages_yaml(const std::filesystem::path& corpus, const std::filesystem::path& database) {
  return fmt::format(R"(name: kjv_stages
seed: 3
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
stages:
  - name: cbow
    task: {{type: cbow, context: 2, embedding_dim: 24, loss: negative_sampling, negatives: 5, subsample: 1.0e-3}}
    optimizer: {{name: sgd, lr: 0.025}}
    training: {{epochs: 2, batch_size: 500, log_every: 0}}
  - name: next_word
    task: {{type: ngram, context: 4, embedding_dim: 24, init_embedding: {{from_stage: cbow, freeze: true}}}}
    optimizer: {{name: adamw, lr: 0.003}}
    training: {{steps: 300, batch_size: 64, log_every: 100, eval_windows: 0}}
)",
                     corpus.string(), kKjvData, database.string());
}

// The held-out cross-entropy of unigram frequencies from the training part, with add-one smoothing.
double unigram_baseline(const std::filesystem::path& corpus) {
  const auto data =
      config::ConfigNode::parse_string(fmt::format("{{corpus: {}, {}}}", corpus.string(), kKjvData), "baseline data");
  const LoadedCorpus loaded = load_token_corpus(data);
  const TokenCorpus& tokens = *loaded.tokens;
  double total = 0.0;
  for (int64_t count : tokens.counts) total += static_cast<double>(count + 1);
  double loss = 0.0;
  const auto held_out = tokens.held_out.accessor<int64_t, 1>();
  for (int64_t i = 0; i < held_out.size(0); ++i) {
    loss -= std::log(static_cast<double>(tokens.counts[held_out[i]] + 1) / total);
  }
  return loss / static_cast<double>(held_out.size(0));
}

class TextStagesTest : public ::testing::Test {
 protected:
  // The two-stage run is shared by the tests of this suite: training it once keeps the suite fast.
  static void SetUpTestSuite() {
    folder_ = new testing::TestFolder();
    corpus_ = folder_->file("genesis.txt");
    database_ = folder_->file("runs.db");
    if (!testing::write_kjv(corpus_, "gen1:1", "gen11:32")) return;
    outcome_ = run_config(folder_->file("stages.yaml"), stages_yaml(corpus_, database_));
  }
  static void TearDownTestSuite() { delete folder_; }

  void SetUp() override {
    ASSERT_EQ(outcome_.exit_code, ExitCode::kOk);
    ASSERT_EQ(outcome_.run_id, 2) << "the next_word stage is the second run of a new database";
  }

  static inline testing::TestFolder* folder_ = nullptr;
  static inline std::filesystem::path corpus_;
  static inline std::filesystem::path database_;
  static inline train::RunOutcome outcome_;
};

TEST_F(TextStagesTest, EachStageIsARunWithItsTask) {
  const results::StoredRun cbow = stored_run(database_, 1);
  const results::StoredRun ngram = stored_run(database_, 2);
  EXPECT_EQ(cbow.status, results::RunStatus::kCompleted);
  EXPECT_EQ(ngram.status, results::RunStatus::kCompleted);
  EXPECT_EQ(cbow.task.value_or(""), "cbow");
  EXPECT_EQ(ngram.task.value_or(""), "ngram");
  EXPECT_EQ(cbow.experiment, "kjv_stages/cbow");
  EXPECT_EQ(ngram.experiment, "kjv_stages/next_word");
  EXPECT_FALSE(cbow.source_run.has_value());
  EXPECT_EQ(ngram.source_run.value_or(0), 1);
}

TEST_F(TextStagesTest, StoredConfigNamesItsStage) {
  EXPECT_NE(stored_run(database_, 1).config_json.find(R"("last_stage":"cbow")"), std::string::npos);
  EXPECT_NE(stored_run(database_, 2).config_json.find(R"("last_stage":"next_word")"), std::string::npos);
}

TEST_F(TextStagesTest, NextWordBeatsUnigramBaseline) {
  const double baseline = unigram_baseline(corpus_);
  const double held_out = final_metric(database_, 2, kHeldOutLoss);
  EXPECT_LT(held_out, baseline - 0.2) << "unigram baseline " << baseline;
  EXPECT_NEAR(final_metric(database_, 2, kPerplexity), std::exp(held_out), 1e-6 * std::exp(held_out));
}

TEST_F(TextStagesTest, FrozenEmbeddingEqualsSourceAfterTraining) {
  const text::WordVectors source = text::read_vec_file(stored_file(database_, 1, "embedding.vec"));
  const text::WordVectors copied = text::read_vec_file(stored_file(database_, 2, "embedding.vec"));
  EXPECT_EQ(copied.words, source.words);
  EXPECT_EQ(copied.dim, 24);
  EXPECT_EQ(copied.values, source.values) << "a frozen copy must keep every bit of the CBOW embedding";
}

TEST_F(TextStagesTest, RunFilesAreRecorded) {
  for (int64_t run : {1, 2}) {
    for (const char* name : {"vocabulary.txt", "split.json", "tokens.txt", "model.pt", "embedding.vec"}) {
      const std::filesystem::path file = stored_file(database_, run, name);
      EXPECT_TRUE(std::filesystem::exists(file)) << "run " << run << " file " << name << " at '" << file << "'";
    }
  }
}

TEST_F(TextStagesTest, StepMetricsEveryLogInterval) {
  EXPECT_EQ(query_int(database_, "SELECT COUNT(DISTINCT step) FROM step_metrics WHERE run_id = 2"), 3);
  EXPECT_EQ(query_int(database_, "SELECT MAX(step) FROM step_metrics WHERE run_id = 2"), 300);
  EXPECT_EQ(query_int(database_, "SELECT COUNT(*) FROM step_metrics WHERE run_id = 2 AND name = 'held_out_loss'"), 3);
  EXPECT_EQ(query_int(database_, "SELECT COUNT(*) FROM step_metrics WHERE run_id = 1"), 0) << "log_every 0";
  EXPECT_EQ(query_int(database_, "SELECT COUNT(DISTINCT epoch) FROM metrics WHERE run_id = 1"), 2);
}

TEST_F(TextStagesTest, EmbeddingFromStoredRunByWord) {
  // A later config takes run 1's embedding.vec; frozen, it comes out unchanged.
  const std::string yaml = fmt::format(R"(name: from_run
seed: 3
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
task: {{type: ngram, context: 3, embedding_dim: 24, init_embedding: {{run: 1, freeze: true}}}}
training: {{steps: 20, batch_size: 32, log_every: 0}}
)",
                                       corpus_.string(), kKjvData, database_.string());
  const train::RunOutcome outcome = run_config(folder_->file("from_run.yaml"), yaml);
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk);
  EXPECT_EQ(stored_run(database_, outcome.run_id).source_run.value_or(0), 1);
  const text::WordVectors source = text::read_vec_file(stored_file(database_, 1, "embedding.vec"));
  const text::WordVectors copied = text::read_vec_file(stored_file(database_, outcome.run_id, "embedding.vec"));
  EXPECT_EQ(copied.values, source.values);
}

TEST_F(TextStagesTest, UnfrozenEmbeddingTrains) {
  const std::string yaml = fmt::format(R"(name: unfrozen
seed: 3
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
task: {{type: ngram, context: 3, embedding_dim: 24, init_embedding: {{run: 1, freeze: false}}}}
training: {{steps: 20, batch_size: 32, log_every: 0}}
)",
                                       corpus_.string(), kKjvData, database_.string());
  const train::RunOutcome outcome = run_config(folder_->file("unfrozen.yaml"), yaml);
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk);
  const text::WordVectors source = text::read_vec_file(stored_file(database_, 1, "embedding.vec"));
  const text::WordVectors trained = text::read_vec_file(stored_file(database_, outcome.run_id, "embedding.vec"));
  EXPECT_NE(trained.values, source.values);
}

TEST_F(TextStagesTest, SameSeedSameNumbers) {
  // The next_word stage alone, twice, into fresh databases: every stored metric must repeat exactly.
  std::vector<std::vector<results::MetricRow>> metrics;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto database = folder_->file(fmt::format("repeat{}.db", attempt));
    const std::string yaml = fmt::format(R"(name: repeat
seed: 5
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
task: {{type: ngram, context: 3, embedding_dim: 16}}
training: {{epochs: 1, batch_size: 256, log_every: 10}}
)",
                                         corpus_.string(), kKjvData, database.string());
    ASSERT_EQ(run_config(folder_->file("repeat.yaml"), yaml).exit_code, ExitCode::kOk);
    metrics.push_back(results::ResultsStore(database).metrics(1));
  }
  ASSERT_EQ(metrics[0].size(), metrics[1].size());
  for (size_t i = 0; i < metrics[0].size(); ++i) {
    if (metrics[0][i].name == "seconds" || metrics[0][i].name == kWindowsPerSecond) continue;
    EXPECT_EQ(metrics[0][i].name, metrics[1][i].name);
    EXPECT_EQ(metrics[0][i].value, metrics[1][i].value) << metrics[0][i].name;
  }
}

TEST_F(TextStagesTest, DivergedRunIsRecorded) {
  const std::string yaml = fmt::format(R"(name: diverges
seed: 3
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
task: {{type: ngram, context: 3, embedding_dim: 8}}
optimizer: {{name: sgd, lr: 1.0e+30}}
training: {{steps: 40, batch_size: 16, log_every: 10, grad_clip_norm: 0}}
)",
                                       corpus_.string(), kKjvData, database_.string());
  const train::RunOutcome outcome = run_config(folder_->file("diverges.yaml"), yaml);
  EXPECT_EQ(outcome.exit_code, ExitCode::kRunFailed);
  const results::StoredRun run = stored_run(database_, outcome.run_id);
  EXPECT_EQ(run.status, results::RunStatus::kDiverged);
  EXPECT_EQ(run.diverged_epoch.value_or(0), 1);
  EXPECT_EQ(run.diverged_step.value_or(0) % 10, 0) << "found at a log point";
  EXPECT_NE(run.error.value_or("").find("training loss became"), std::string::npos);
}

}  // namespace
}  // namespace runner::language
