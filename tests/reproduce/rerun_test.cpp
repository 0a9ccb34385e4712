// `runner rerun` in process, and the comparison it prints.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reproduce_test_util.h"
#include "runner/train/rerun_command.h"
#include "runner/train/run_comparison.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;
using train::Verdict;

results::MetricRow metric(int64_t epoch, const std::string& name, double value) { return {1, epoch, name, value}; }

TEST(RunComparison, BitEqualValuesAreIdentical) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<results::MetricRow> rows = {metric(1, "train_loss", 0.5), metric(1, "test_loss", nan)};
  const auto comparison = train::compare_runs(rows, rows, 0.0);
  EXPECT_EQ(comparison.verdict, Verdict::kIdentical);
  EXPECT_EQ(comparison.max_relative_difference, 0.0);
  EXPECT_EQ(comparison.pairs.size(), 2u);
}

TEST(RunComparison, TimingMetricsLeftOut) {
  const auto comparison = train::compare_runs({metric(1, "seconds", 1.0), metric(1, "images_per_second", 9.0)},
                                              {metric(1, "seconds", 2.0), metric(1, "images_per_second", 5.0)}, 0.0);
  EXPECT_EQ(comparison.verdict, Verdict::kIdentical);
  EXPECT_TRUE(comparison.pairs.empty());
}

TEST(RunComparison, SmallDifferenceWithinTolerance) {
  const auto comparison = train::compare_runs({metric(1, "train_loss", 1.0)}, {metric(1, "train_loss", 1.0 + 1e-9)},
                                              1e-6);
  EXPECT_EQ(comparison.verdict, Verdict::kWithinTolerance);
  EXPECT_NEAR(comparison.max_relative_difference, 1e-9, 1e-12);
}

TEST(RunComparison, DiffersFromFirstEpochBeyondTolerance) {
  const auto comparison = train::compare_runs(
      {metric(1, "train_loss", 1.0), metric(2, "test_accuracy", 0.5), metric(3, "train_loss", 0.2)},
      {metric(1, "train_loss", 1.0), metric(2, "test_accuracy", 0.6), metric(3, "train_loss", 0.3)}, 1e-6);
  EXPECT_EQ(comparison.verdict, Verdict::kDiffers);
  ASSERT_TRUE(comparison.first_difference.has_value());
  const auto& first = comparison.pairs[*comparison.first_difference];
  EXPECT_EQ(first.epoch, 2);
  EXPECT_EQ(first.name, "test_accuracy");
  EXPECT_DOUBLE_EQ(first.relative_difference, 0.1 / 0.6);
}

TEST(RunComparison, NanAgainstNumberDiffers) {
  const auto comparison = train::compare_runs({metric(1, "train_loss", std::nan(""))}, {metric(1, "train_loss", 2.0)},
                                              1.0);
  EXPECT_EQ(comparison.verdict, Verdict::kDiffers);
}

TEST(RunComparison, MissingInRerunDiffers) {
  const auto comparison = train::compare_runs({metric(1, "train_loss", 1.0), metric(2, "train_loss", 0.9)},
                                              {metric(1, "train_loss", 1.0)}, 1.0);
  EXPECT_EQ(comparison.verdict, Verdict::kDiffers);
  EXPECT_FALSE(comparison.pairs[*comparison.first_difference].in_rerun);
}

TEST(RunComparison, LaterRerunEpochsLeftOut) {
  // An interrupted original compares only the epochs it finished.
  const auto comparison = train::compare_runs({metric(1, "train_loss", 1.0)},
                                              {metric(1, "train_loss", 1.0), metric(2, "train_loss", 0.9)}, 0.0);
  EXPECT_EQ(comparison.verdict, Verdict::kIdentical);
  EXPECT_EQ(comparison.pairs.size(), 1u);
  EXPECT_EQ(comparison.rerun_epochs, 2);
}

TEST(Rerun, SameThreadsIsIdentical) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: sgd, lr: 0.05, momentum: 0.9}", 2, kAugmentation)).exit_code,
            ExitCode::kOk);

  train::ReplayOptions replay;
  replay.database = db.string();
  replay.quiet = true;
  ::testing::internal::CaptureStdout();
  const ExitCode code = train::rerun_run(1, replay);
  const std::string output = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(code, ExitCode::kOk) << output;
  EXPECT_THAT(output, HasSubstr("verdict: identical"));
  EXPECT_THAT(output, HasSubstr("environment: same runner_version"));
  EXPECT_THAT(output, HasSubstr("    2  train_loss"));
  EXPECT_THAT(output, ::testing::Not(HasSubstr("images_per_second")));

  const auto rows = query_rows(db, "SELECT id, rerun_of, status, config_json = (SELECT config_json FROM runs "
                                   "WHERE id = 1) FROM runs WHERE id = 2");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"2", "1", "completed", "1"}));
}

TEST(Rerun, OtherThreadCountListedAsDifference) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 1)).exit_code, ExitCode::kOk);

  train::ReplayOptions replay;
  replay.database = db.string();
  replay.quiet = true;
  replay.threads = 2;
  ::testing::internal::CaptureStdout();
  const ExitCode code = train::rerun_run(1, replay, /*tolerance=*/1e-3);
  const std::string output = ::testing::internal::GetCapturedStdout();
  // Two threads may or may not round sums differently, so only the listing is certain.
  EXPECT_NE(code, ExitCode::kUsage);
  EXPECT_THAT(output, HasSubstr("environment differences:"));
  EXPECT_THAT(output, HasSubstr("threads         run 1: 1"));
  EXPECT_THAT(output, HasSubstr("run 2: 2"));
}

TEST(Rerun, UnknownRunIsUsageError) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 1)).exit_code, ExitCode::kOk);
  train::ReplayOptions replay;
  replay.database = db.string();
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(train::rerun_run(5, replay), ExitCode::kUsage);
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), HasSubstr("run 5 not found"));
}

}  // namespace
}  // namespace runner::testing
