// The epochs and run_summary views, read with plain SQL as a user would.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "results/metric_names.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

// Logs every standard metric, each with a distinct value derived from the run and the epoch.
void log_standard_epoch(ResultsStore& store, int64_t run_id, int64_t epoch, double base) {
  store.log_epoch(run_id, epoch,
                  {{kTrainLoss, base + 0.1},
                   {kTestLoss, base + 0.2},
                   {kTrainAccuracy, base + 0.3},
                   {kTestAccuracy, base + 0.4},
                   {kEpochSeconds, base + 0.5},
                   {kImagesPerSecond, base + 0.6},
                   {kLearningRate, base + 0.7}});
}

TEST(EpochsView, PivotsTwoRuns) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t first = store.begin_run(sample_run("mnist_mlp"));
  const int64_t second = store.begin_run(sample_run("mnist_mlp"));
  const int64_t other = store.begin_run(sample_run("cifar_cnn"));
  log_standard_epoch(store, first, 1, 10);
  log_standard_epoch(store, first, 2, 20);
  log_standard_epoch(store, second, 1, 30);
  log_standard_epoch(store, other, 1, 40);

  RawDatabase raw(store.path());
  const auto rows = raw.rows(
      "SELECT run_id, experiment, epoch, train_loss, test_loss, train_accuracy, test_accuracy, seconds, "
      "images_per_second, learning_rate FROM epochs WHERE experiment = 'mnist_mlp' ORDER BY run_id, epoch");
  ASSERT_EQ(rows.size(), 3u) << "one row per (run, epoch) of the experiment";

  const std::vector<std::vector<std::string>> expected = {
      {std::to_string(first), "mnist_mlp", "1", "10.1", "10.2", "10.3", "10.4", "10.5", "10.6", "10.7"},
      {std::to_string(first), "mnist_mlp", "2", "20.1", "20.2", "20.3", "20.4", "20.5", "20.6", "20.7"},
      {std::to_string(second), "mnist_mlp", "1", "30.1", "30.2", "30.3", "30.4", "30.5", "30.6", "30.7"},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), expected[i].size());
    for (size_t column = 0; column < expected[i].size(); ++column) {
      EXPECT_EQ(rows[i][column], expected[i][column]) << "row " << i << ", column " << column;
    }
  }
  EXPECT_EQ(raw.integer("SELECT count(*) FROM epochs"), 4);
}

TEST(EpochsView, MissingMetricIsNull) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{kTrainLoss, 0.5}, {"gradient_norm", 3.0}});

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT train_loss, test_loss, test_accuracy FROM epochs");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "0.5");
  EXPECT_EQ(rows[0][1], std::nullopt);
  EXPECT_EQ(rows[0][2], std::nullopt);
}

TEST(EpochsView, NonFiniteShowsAsText) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{kTrainLoss, std::nan("")}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT train_loss FROM epochs"), "NaN");
}

TEST(RunSummaryView, UsesFinalEpoch) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  log_standard_epoch(store, id, 1, 10);
  log_standard_epoch(store, id, 3, 30);
  log_standard_epoch(store, id, 2, 20);
  store.finish_run(id, RunStatus::kCompleted);

  RawDatabase raw(store.path());
  const auto rows = raw.rows(
      "SELECT run_id, experiment, status, final_epoch, train_loss, test_accuracy, learning_rate, error, "
      "wall_seconds >= 0, parameter_count FROM run_summary");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], std::to_string(id));
  EXPECT_EQ(rows[0][1], "mnist_mlp");
  EXPECT_EQ(rows[0][2], "completed");
  EXPECT_EQ(rows[0][3], "3");
  EXPECT_EQ(rows[0][4], "30.1");
  EXPECT_EQ(rows[0][5], "30.4");
  EXPECT_EQ(rows[0][6], "30.7");
  EXPECT_EQ(rows[0][7], std::nullopt);
  EXPECT_EQ(rows[0][8], "1") << "wall_seconds must be set and not negative once the run ended";
  EXPECT_EQ(rows[0][9], "109386");
}

TEST(RunSummaryView, KeepsRunsWithoutMetrics) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t with_metrics = store.begin_run(sample_run());
  const int64_t without = store.begin_run(sample_run());
  log_standard_epoch(store, with_metrics, 1, 10);
  store.finish_run(without, RunStatus::kFailed, "data file not found");

  RawDatabase raw(store.path());
  const auto rows =
      raw.rows("SELECT run_id, status, final_epoch, test_accuracy, error, wall_seconds FROM run_summary ORDER BY run_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], std::to_string(with_metrics));
  EXPECT_EQ(rows[0][1], "running");
  EXPECT_EQ(rows[0][2], "1");
  EXPECT_EQ(rows[0][3], "10.4");
  EXPECT_EQ(rows[0][5], std::nullopt) << "wall_seconds must be NULL while the run is running";
  EXPECT_EQ(rows[1][0], std::to_string(without));
  EXPECT_EQ(rows[1][1], "failed");
  EXPECT_EQ(rows[1][2], std::nullopt);
  EXPECT_EQ(rows[1][3], std::nullopt);
  EXPECT_EQ(rows[1][4], "data file not found");
}

}  // namespace
}  // namespace runner::results
