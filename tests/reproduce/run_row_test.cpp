// What a run records about itself beyond metrics: its process id and heartbeat, where it diverged, and
// the cleanup of runs that a killed process left `running`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include "reproduce_test_util.h"
#include "results/sqlite.h"
#include "results/store.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

TEST(RunRow, ProcessIdAndHeartbeatRecorded) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 1)).exit_code, ExitCode::kOk);
  const auto rows = query_rows(db, "SELECT pid, heartbeat_at IS NOT NULL, heartbeat_at >= started_at FROM runs");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], std::to_string(::getpid()));
  EXPECT_EQ(rows[0][1], "1");
  EXPECT_EQ(rows[0][2], "1");
}

TEST(RunRow, DivergedEpochAndStepRecorded) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  const auto outcome = run_config_text(db, tiny_config("{name: sgd, lr: 1.0e+12}", 3));
  EXPECT_EQ(outcome.exit_code, ExitCode::kRunFailed);

  const auto rows = query_rows(db, "SELECT status, diverged_epoch, diverged_step, error FROM runs");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "diverged");
  EXPECT_EQ(rows[0][1], "1");
  // 600 images in batches of 32 make 19 steps per epoch; a learning rate of 1e12 overflows within a few.
  const int step = std::stoi(rows[0][2]);
  EXPECT_GE(step, 2);
  EXPECT_LE(step, 19);
  EXPECT_THAT(rows[0][3], HasSubstr(fmt::format("step {} in epoch 1", step)));
  // Training stops at the end of the epoch it diverged in.
  EXPECT_EQ(query_rows(db, "SELECT count(*) FROM epochs")[0][0], "1");
}

TEST(RunRow, StaleRunMarkedInterrupted) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  {
    // A run that a killed process left `running`, with its last heartbeat two minutes ago.
    results::ResultsStore store(db);
    results::RunRecord record;
    record.experiment = "killed";
    record.config_file = "killed.yaml";
    record.config_json = "{}";
    store.begin_run(record);
  }
  const std::string sql = "UPDATE runs SET heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-120 seconds')";
  {
    results::ResultsStore store(db);
    store.connection().execute(sql, "age the heartbeat");
  }
  ::testing::internal::CaptureStderr();
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 1)).exit_code, ExitCode::kOk);
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), HasSubstr("marked 1 run(s)"));
  const auto rows = query_rows(db, "SELECT status, ended_at IS NOT NULL FROM runs WHERE id = 1");
  EXPECT_EQ(rows[0], (std::vector<std::string>{"interrupted", "1"}));
}

}  // namespace
}  // namespace runner::testing
