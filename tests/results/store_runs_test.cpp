// The runs table: the row that begin_run inserts and the status changes of finish_run.
#include <gtest/gtest.h>

#include <ctime>
#include <regex>
#include <string>

#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

constexpr const char* kRunColumns =
    "SELECT experiment, config_file, config_json, seed, device, device_name, status, host, torch_version, "
    "runner_version, git_commit, blas, threads, parameter_count, labels_changed, ended_at, error "
    "FROM runs WHERE id = ";

TEST(RunStatusName, MatchesStoredText) {
  EXPECT_EQ(to_string(RunStatus::kRunning), "running");
  EXPECT_EQ(to_string(RunStatus::kCompleted), "completed");
  EXPECT_EQ(to_string(RunStatus::kFailed), "failed");
  EXPECT_EQ(to_string(RunStatus::kInterrupted), "interrupted");
  EXPECT_EQ(to_string(RunStatus::kDiverged), "diverged");
}

TEST(BeginRun, WritesEveryField) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  RawDatabase raw(store.path());
  const auto rows = raw.rows(kRunColumns + std::to_string(id));
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0];
  EXPECT_EQ(row[0], "mnist_mlp");
  EXPECT_EQ(row[1], "configs/mnist_mlp.yaml");
  EXPECT_EQ(row[2], R"({"epochs":3,"seed":7})");
  EXPECT_EQ(row[3], "7");
  EXPECT_EQ(row[4], "cuda:0");
  EXPECT_EQ(row[5], "NVIDIA H200");
  EXPECT_EQ(row[6], "running");
  EXPECT_EQ(row[7], "node-17");
  EXPECT_EQ(row[8], "2.3.1");
  EXPECT_EQ(row[9], "0.1.0");
  EXPECT_EQ(row[10], "abc1234-dirty");
  EXPECT_EQ(row[11], "OpenBLAS 0.3.21");
  EXPECT_EQ(row[12], "16");
  EXPECT_EQ(row[13], "109386");
  EXPECT_EQ(row[14], "600");
  EXPECT_EQ(row[15], std::nullopt) << "ended_at must stay NULL while the run is running";
  EXPECT_EQ(row[16], std::nullopt) << "error must be NULL while the run is running";
}

TEST(BeginRun, StartedAtIsUtcWithMilliseconds) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  RawDatabase raw(store.path());
  const std::string started_at = raw.text("SELECT started_at FROM runs WHERE id = " + std::to_string(id));
  EXPECT_TRUE(std::regex_match(started_at, std::regex(testing::kTimestampPattern))) << started_at;

  // Read as UTC, the timestamp must be within a minute of the Unix time of this process.
  const int64_t started_unix = raw.integer("SELECT strftime('%s', started_at) FROM runs");
  const int64_t now_unix = static_cast<int64_t>(std::time(nullptr));
  EXPECT_LE(started_unix, now_unix);
  EXPECT_GT(started_unix, now_unix - 60);
}

TEST(BeginRun, ReturnsIncreasingIds) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t first = store.begin_run(sample_run());
  const int64_t second = store.begin_run(sample_run());

  EXPECT_GT(second, first);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs"), 2);
}

TEST(FinishRun, CompletedSetsEndedAt) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.finish_run(id, RunStatus::kCompleted);

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT status, started_at, ended_at, error FROM runs WHERE id = " + std::to_string(id));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "completed");
  ASSERT_TRUE(rows[0][2].has_value()) << "ended_at must be set";
  EXPECT_TRUE(std::regex_match(*rows[0][2], std::regex(testing::kTimestampPattern))) << *rows[0][2];
  EXPECT_GE(*rows[0][2], *rows[0][1]) << "ended_at must not precede started_at";
  EXPECT_EQ(rows[0][3], std::nullopt) << "an empty error must be stored as NULL";
}

TEST(FinishRun, FailedStoresError) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.finish_run(id, RunStatus::kFailed, "CUDA out of memory in layer conv2");

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT status, ended_at, error FROM runs WHERE id = " + std::to_string(id));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "failed");
  EXPECT_TRUE(rows[0][1].has_value()) << "ended_at must be set";
  EXPECT_EQ(rows[0][2], "CUDA out of memory in layer conv2");
}

TEST(FinishRun, StoresEveryFinalStatus) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  for (RunStatus status : {RunStatus::kCompleted, RunStatus::kFailed, RunStatus::kInterrupted, RunStatus::kDiverged}) {
    const int64_t id = store.begin_run(sample_run());
    store.finish_run(id, status);

    RawDatabase raw(store.path());
    EXPECT_EQ(raw.text("SELECT status FROM runs WHERE id = " + std::to_string(id)), to_string(status));
  }
}

TEST(FinishRun, LeavesOtherRunsRunning) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t finished = store.begin_run(sample_run());
  const int64_t running = store.begin_run(sample_run());
  store.finish_run(finished, RunStatus::kCompleted);

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT status FROM runs WHERE id = " + std::to_string(running)), "running");
  EXPECT_EQ(raw.text("SELECT ended_at FROM runs WHERE id = " + std::to_string(running)), "NULL");
}

TEST(FinishRun, TwiceRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.finish_run(id, RunStatus::kCompleted);

  try {
    store.finish_run(id, RunStatus::kFailed, "late error");
    FAIL() << "finishing a run twice must throw";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("already finished with status completed"), std::string::npos)
        << error.what();
  }
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT status FROM runs WHERE id = " + std::to_string(id)), "completed");
  EXPECT_EQ(raw.text("SELECT error FROM runs WHERE id = " + std::to_string(id)), "NULL");
}

TEST(FinishRun, UnknownRunRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  try {
    store.finish_run(42, RunStatus::kCompleted);
    FAIL() << "finishing a missing run must throw";
  } catch (const StoreError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("run 42 not found"), std::string::npos) << message;
    EXPECT_NE(message.find(store.path().string()), std::string::npos) << message;
  }
}

TEST(FinishRun, RunningStatusRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  EXPECT_THROW(store.finish_run(id, RunStatus::kRunning), StoreError);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT ended_at FROM runs WHERE id = " + std::to_string(id)), "NULL");
}

TEST(RunsTable, CheckRejectsUnknownStatus) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  RawDatabase raw(store.path());
  EXPECT_THROW(raw.execute("UPDATE runs SET status = 'paused' WHERE id = " + std::to_string(id)),
               std::runtime_error);
  EXPECT_EQ(raw.text("SELECT status FROM runs WHERE id = " + std::to_string(id)), "running");
}

}  // namespace
}  // namespace runner::results
