// Sweeps through the real binary: every point trained once, in parallel or not, and resumed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sweep_test_util.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// How often `needle` occurs in `text`.
int count_substrings(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

TEST(SweepRun, GridWithTwoJobsCompletesEightRuns) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string()));
  std::string output;

  ASSERT_EQ(run_runner({config.string(), "--jobs", "2"}, folder.path() / "out.txt", output), 0) << output;

  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 8) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs"), 8);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed' AND attempts = 1"), 8);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(DISTINCT run_id) FROM trials"), 8);
  // Two worker processes took part.
  EXPECT_EQ(count_rows(database, "SELECT COUNT(DISTINCT worker) FROM trials"), 2);
  // Every run has its three swept values, typed.
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM run_params"), 24);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM run_params WHERE name = 'optimizer.lr' AND typeof(value) = "
                                 "'real' AND value = 1e-7"),
            4);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM run_params WHERE name = 'model.width' AND typeof(value) = "
                                 "'integer'"),
            8);
  // Each run's sweep link and its stored config agree with its trial.
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs r JOIN trials t ON t.run_id = r.id "
                                 "WHERE r.trial_id = t.id AND r.sweep_id = t.sweep_id"),
            8);
  // The workers share the terminal: one line per run, no epoch tables.
  EXPECT_EQ(count_substrings(output, " completed: epoch "), 8) << output;
  EXPECT_THAT(output, Not(HasSubstr("train_loss  test_loss"))) << output;
}

TEST(SweepRun, SecondRunSkipsCompletedPoints) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;
  ASSERT_EQ(run_runner({config.string(), "-q"}, folder.path() / "out1.txt", output), 0) << output;

  ASSERT_EQ(run_runner({config.string(), "-q"}, folder.path() / "out2.txt", output), 0) << output;

  EXPECT_THAT(output, HasSubstr("8 already completed"));
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs"), 8);
}

TEST(SweepRun, ForceTrainsEveryPointAgain) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;
  ASSERT_EQ(run_runner({config.string(), "-q", "seed=1"}, folder.path() / "out1.txt", output), 0) << output;

  ASSERT_EQ(run_runner({config.string(), "-q", "seed=1", "--force"}, folder.path() / "out2.txt", output), 0)
      << output;

  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 8);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE attempts = 2"), 4);
}

TEST(SweepRun, ChangedDefinitionIsRejectedUnlessNewSweep) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;
  ASSERT_EQ(run_runner({config.string(), "-q", "seed=1", "model.width=8"}, folder.path() / "out1.txt", output), 0)
      << output;

  const int changed = run_runner({config.string(), "-q", "seed=1", "model.width=16"}, folder.path() / "o2.txt", output);

  EXPECT_NE(changed, 0);
  EXPECT_THAT(output, HasSubstr("--new-sweep"));
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs"), 2);
  ASSERT_EQ(run_runner({config.string(), "-q", "seed=1", "model.width=16", "--new-sweep"}, folder.path() / "o3.txt",
                       output),
            0)
      << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM sweeps"), 2);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 4);
}

TEST(SweepRun, ShardTakesItsShareOnly) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;

  ASSERT_EQ(run_runner({config.string(), "-q", "--shard", "2/4"}, folder.path() / "out.txt", output), 0) << output;

  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs"), 2);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed' AND point_index % 4 = 1"), 2);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'pending'"), 6);
}

TEST(SweepRun, BadShardIsUsageError) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "grid.yaml", grid_config((folder.path() / "s.db").string()));
  std::string output;

  EXPECT_EQ(run_runner({config.string(), "--shard", "5/4"}, folder.path() / "out.txt", output), 2);
  EXPECT_THAT(output, HasSubstr("--shard '5/4' must be I/N with 1 <= I <= N"));
}

TEST(SweepRun, SharedMistakeWritesNothing) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string()));
  std::string output;

  const int code = run_runner({config.string(), "-q", "+data.batch_sise=32"}, folder.path() / "out.txt", output);

  EXPECT_EQ(code, 3) << output;
  EXPECT_THAT(output, HasSubstr("data.batch_sise: unknown key")) << output;
  EXPECT_THAT(output, HasSubstr("point 0")) << output;
  EXPECT_FALSE(std::filesystem::exists(database)) << "nothing is written for a mistake that every point shares";
}

TEST(SweepRun, DryRunListsPointsAndWritesNothing) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string()));
  std::string output;

  ASSERT_EQ(run_runner({config.string(), "--dry-run", "training.epochs=3"}, folder.path() / "out.txt", output), 0)
      << output;

  EXPECT_THAT(output, HasSubstr("8 points; nothing was trained"));
  EXPECT_THAT(output, HasSubstr("optimizer.lr"));
  EXPECT_FALSE(std::filesystem::exists(database));
}

TEST(SweepRun, FailingPointIsRecordedAndSweepGoesOn) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  // A width of 0 builds no valid linear layer, so that point fails at model construction while the
  // others train.
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;

  const int code = run_runner({config.string(), "-q", "seed=1", "optimizer.lr=0.05", "model.width=0,8"},
                              folder.path() / "out.txt", output);

  EXPECT_EQ(code, 1) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'"), 1) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'failed' AND error <> ''"), 1);
  // The trial keeps the message that stopped the point, which names the point's config.
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'failed' AND point_index = 0 "
                                 "AND error LIKE 'sweep 1 point 0%' AND error LIKE '%width%'"),
            1)
      << output;
}

TEST(SweepRun, FailFastStopsAtFirstFailure) {
  TempFolder folder;
  const auto database = folder.path() / "sweep.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;

  const int code = run_runner({config.string(), "-q", "seed=1", "optimizer.lr=0.05", "model.width=0,8", "--fail-fast"},
                              folder.path() / "out.txt", output);

  EXPECT_EQ(code, 1) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'pending'"), 1);
}

TEST(SweepRun, OverrideOnSingleRunRecordsExactParam) {
  TempFolder folder;
  const auto database = folder.path() / "single.db";
  const auto config = write_file(folder.path() / "one.yaml", grid_config(database.string(), 64, 1, false));
  std::string output;

  ASSERT_EQ(run_runner({config.string(), "-q", "optimizer.lr=1e-7"}, folder.path() / "out.txt", output), 0)
      << output;

  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM run_params WHERE name = 'optimizer.lr' AND value = 1e-7 "
                                 "AND typeof(value) = 'real'"),
            1);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE json_extract(config_json, '$.optimizer.lr') = "
                                 "1e-7"),
            1);
}

TEST(SweepRun, UnknownOverridePathSuggestsClosest) {
  TempFolder folder;
  const auto database = folder.path() / "x.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  std::string output;

  EXPECT_EQ(run_runner({config.string(), "optimizer.learning_rate=0.1"}, folder.path() / "out.txt", output), 3);
  EXPECT_THAT(output, HasSubstr("optimizer.lr"));
  EXPECT_FALSE(std::filesystem::exists(database));
}

}  // namespace
}  // namespace runner::testing
