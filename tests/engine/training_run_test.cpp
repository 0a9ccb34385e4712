// End-to-end runs on a small slice of the real Fashion-MNIST data, recorded in a real SQLite file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "engine_test_util.h"
#include "runner/train/experiment_runner.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

// A small MLP on 2,000 training and 1,000 test images; one thread so results are repeatable.
std::string slice_config(const std::string& extra = "", int64_t epochs = 4) {
  return fmt::format(R"(name: slice
seed: 3
device: cpu
threads: 1
data:
  dataset: fashion_mnist
  path: {}
  train_samples: 2000
  test_samples: 1000
  batch_size: 32
model:
  layers:
    - flatten
    - {{type: linear, out_features: 128, init: kaiming_normal}}
    - relu
    - {{type: linear, out_features: 10}}
optimizer: {{name: adam, lr: 0.001}}
training: {{epochs: {}}}
{})",
                     kFashionMnistPath, epochs, extra);
}

train::RunOutcome run_config(const TempFolder& folder, const std::string& text, const std::string& name = "run.yaml") {
  const auto config = write_file(folder.path() / name, text);
  return train::run_experiment({config, (folder.path() / "results.db").string(), /*quiet=*/true});
}

TEST(TrainingRun, SliceBeatsSeventyPercent) {
  TempFolder folder;
  const auto outcome = run_config(folder, slice_config());
  ASSERT_EQ(outcome.exit_code, ExitCode::kOk);
  ASSERT_EQ(outcome.run_id, 1);

  const auto db = folder.path() / "results.db";
  const auto final_accuracy = query_rows(db, "SELECT test_accuracy FROM epochs WHERE run_id = 1 AND epoch = 4");
  ASSERT_EQ(final_accuracy.size(), 1u);
  EXPECT_GT(std::stod(final_accuracy[0][0]), 0.70);
}

TEST(TrainingRun, WritesRunRowAndOneRowPerEpoch) {
  TempFolder folder;
  ASSERT_EQ(run_config(folder, slice_config("", 2)).exit_code, ExitCode::kOk);
  const auto db = folder.path() / "results.db";

  const auto runs = query_rows(db, "SELECT experiment, status, seed, device, threads, parameter_count, "
                                   "labels_changed, ended_at IS NOT NULL, error IS NULL FROM runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0][0], "slice");
  EXPECT_EQ(runs[0][1], "completed");
  EXPECT_EQ(runs[0][2], "3");
  EXPECT_EQ(runs[0][3], "cpu");
  EXPECT_EQ(runs[0][4], "1");
  EXPECT_EQ(runs[0][5], "101770");  // 784*128+128 + 128*10+10
  EXPECT_EQ(runs[0][6], "0");
  EXPECT_EQ(runs[0][7], "1");
  EXPECT_EQ(runs[0][8], "1");

  const auto epochs = query_rows(db, "SELECT epoch, train_loss > 0, test_loss > 0, train_accuracy > 0.5, "
                                     "learning_rate FROM epochs ORDER BY epoch");
  ASSERT_EQ(epochs.size(), 2u);
  EXPECT_EQ(epochs[0][0], "1");
  EXPECT_EQ(epochs[1][0], "2");
  for (const auto& row : epochs) {
    EXPECT_EQ(row[1], "1");
    EXPECT_EQ(row[2], "1");
    EXPECT_EQ(row[3], "1");
    EXPECT_EQ(row[4], "0.001");
  }
}

TEST(TrainingRun, ResolvedConfigIsStored) {
  TempFolder folder;
  ASSERT_EQ(run_config(folder, slice_config("", 1)).exit_code, ExitCode::kOk);
  const auto rows = query_rows(folder.path() / "results.db",
                               "SELECT json_extract(config_json, '$.data.test_batch_size'), "
                               "json_extract(config_json, '$.model.layers[1].out_features'), "
                               "json_extract(config_json, '$.model.layers[0].type') FROM runs");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "1000");
  EXPECT_EQ(rows[0][1], "128");
  EXPECT_EQ(rows[0][2], "flatten");
}

TEST(TrainingRun, SameSeedGivesIdenticalMetrics) {
  TempFolder folder;
  ASSERT_EQ(run_config(folder, slice_config("", 2)).exit_code, ExitCode::kOk);
  ASSERT_EQ(run_config(folder, slice_config("", 2)).exit_code, ExitCode::kOk);
  const auto rows = query_rows(folder.path() / "results.db",
                               "SELECT a.name, a.value = b.value FROM metrics a JOIN metrics b "
                               "ON a.epoch = b.epoch AND a.name = b.name AND a.run_id = 1 AND b.run_id = 2 "
                               "WHERE a.name IN ('train_loss', 'test_loss', 'test_accuracy', 'train_accuracy')");
  ASSERT_EQ(rows.size(), 8u);
  for (const auto& row : rows) EXPECT_EQ(row[1], "1") << row[0] << " differs between identical runs";
}

TEST(TrainingRun, LabelNoiseCountIsRecorded) {
  TempFolder folder;
  ASSERT_EQ(run_config(folder, slice_config("label_noise: {rate: 0.1}", 1)).exit_code, ExitCode::kOk);
  const auto rows = query_rows(folder.path() / "results.db", "SELECT labels_changed FROM runs");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "200");
}

TEST(TrainingRun, ConfigErrorWritesNothing) {
  TempFolder folder;
  const auto outcome = run_config(folder, slice_config("optimizer: {name: adam}"));  // repeated section
  EXPECT_EQ(outcome.exit_code, ExitCode::kConfig);
  EXPECT_EQ(outcome.run_id, 0);
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "results.db"));
}

TEST(TrainingRun, ShapeErrorWritesNothing) {
  TempFolder folder;
  std::string text = slice_config();
  text.replace(text.find("    - flatten\n"), 14, "");  // linear on (1, 28, 28)
  EXPECT_EQ(run_config(folder, text).exit_code, ExitCode::kConfig);
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "results.db"));
}

TEST(TrainingRun, WrongClassCountIsConfigError) {
  TempFolder folder;
  std::string text = slice_config();
  text.replace(text.find("out_features: 10"), 16, "out_features: 7");
  EXPECT_EQ(run_config(folder, text).exit_code, ExitCode::kConfig);
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "results.db"));
}

TEST(TrainingRun, MissingDataWritesNothing) {
  TempFolder folder;
  std::string text = slice_config();
  text.replace(text.find(kFashionMnistPath), std::string(kFashionMnistPath).size(), "/nonexistent/fashion");
  EXPECT_EQ(run_config(folder, text).exit_code, ExitCode::kData);
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "results.db"));
}

}  // namespace
}  // namespace runner::testing
