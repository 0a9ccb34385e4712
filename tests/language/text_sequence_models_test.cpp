// lstm_lm and transformer_lm, built from the layer registry's model graph, trained by the text
// driver on a real slice of the King James text.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "runner/language/stage_trainer.h"
#include "text_run_test_util.h"

namespace runner::language {
namespace {

using testing::final_metric;
using testing::kKjvData;

class TextSequenceModelsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::write_kjv(corpus_, "gen1:1", "gen4:26")); }

  // Trains `task` (YAML lines indented under `task:`) for 150 steps; returns the exit code.
  ExitCode train(const std::string& task) {
    const std::string yaml = fmt::format(R"(name: sequence
seed: 4
threads: 1
data: {{corpus: {}, {}}}
results: {{database: {}}}
task:
{}
optimizer: {{name: adam, lr: 0.003}}
training: {{steps: 150, batch_size: 32, log_every: 50, eval_windows: 300}}
)",
                                         corpus_.string(), kKjvData, database_.string(), task);
    return testing::run_config(folder_.file("sequence.yaml"), yaml).exit_code;
  }

  // Checks the step rows, and that the held-out loss ends below that of a uniform guess.
  void expect_learned() {
    const int64_t rows = testing::query_int(database_, "SELECT COUNT(*) FROM step_metrics WHERE run_id = 1");
    EXPECT_EQ(rows, 3 * 5) << "train_loss, held_out_loss, perplexity, windows_per_second and learning_rate at 3 steps";
    const double held_out = final_metric(database_, 1, kHeldOutLoss);
    EXPECT_TRUE(std::isfinite(held_out));
    EXPECT_LT(held_out, std::log(600.0)) << "a uniform guess over the vocabulary costs about log(600)";
  }

  testing::TestFolder folder_;
  std::filesystem::path corpus_ = folder_.file("genesis.txt");
  std::filesystem::path database_ = folder_.file("runs.db");
};

TEST_F(TextSequenceModelsTest, LstmLanguageModelLearns) {
  ASSERT_EQ(train("  type: lstm_lm\n  context: 8\n  embedding_dim: 16\n"
                  "  model: {layers: [{type: lstm, hidden_size: 32}]}\n"),
            ExitCode::kOk);
  EXPECT_EQ(testing::stored_run(database_, 1).task.value_or(""), "lstm_lm");
  expect_learned();
}

TEST_F(TextSequenceModelsTest, TransformerLanguageModelLearns) {
  const std::string task = R"(  type: transformer_lm
  context: 8
  embedding_dim: 16
  model:
    layers:
      - {type: positional_embedding, max_length: 8, init: uniform}
      - {type: residual, body: [layernorm, {type: self_attention, heads: 2, causal: true}]}
      - layernorm
      - flatten
      - {type: linear, out_features: 32}
      - gelu
)";
  ASSERT_EQ(train(task), ExitCode::kOk);
  EXPECT_EQ(testing::stored_run(database_, 1).task.value_or(""), "transformer_lm");
  expect_learned();
}

}  // namespace
}  // namespace runner::language
