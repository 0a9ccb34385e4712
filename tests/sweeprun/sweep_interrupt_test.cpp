// Sweeps that are interrupted, killed, or run by many workers at once on one database file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sweep_test_util.h"

namespace runner::testing {
namespace {

using namespace std::chrono_literals;

// Waits until `sql` returns at least `count`, for up to `timeout`.
bool wait_for_count(const std::filesystem::path& database, const std::string& sql, int64_t count,
                    std::chrono::seconds timeout = 120s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(database) && count_rows(database, sql) >= count) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

// Reads the database in a loop, as someone watching a sweep with `runner query` would, and counts
// reads that failed.
class PollingReader {
 public:
  explicit PollingReader(std::filesystem::path database)
      : database_(std::move(database)), thread_([this] { loop(); }) {}
  ~PollingReader() { stop(); }

  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int reads() const { return reads_; }
  int failures() const { return failures_; }
  const std::string& last_error() const { return last_error_; }

 private:
  void loop() {
    while (!stopping_) {
      std::this_thread::sleep_for(20ms);
      if (!std::filesystem::exists(database_)) continue;
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(database_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        char* error = nullptr;
        const int code = sqlite3_exec(db, "SELECT COUNT(*) FROM metrics", nullptr, nullptr, &error);
        // A file that is still being created has no tables yet; only lock errors count as failures.
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
          ++failures_;
          last_error_ = error ? error : "busy";
        } else {
          ++reads_;
        }
        sqlite3_free(error);
      }
      sqlite3_close(db);
    }
  }

  std::filesystem::path database_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> reads_{0};
  std::atomic<int> failures_{0};
  std::string last_error_;
  std::thread thread_;
};

TEST(SweepInterrupt, SixWorkersOnFreshDatabase) {
  TempFolder folder;
  const auto database = folder.path() / "fresh.db";
  // 12 points: 3 widths x 4 seeds, on a handful of images so that the workers contend for the file.
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 64));
  PollingReader reader(database);
  std::string output;

  const int code = run_runner({config.string(), "--jobs", "6", "optimizer.lr=0.05", "model.width=4,8,12",
                               "seed=1,2,3,4"},
                              folder.path() / "out.txt", output);
  reader.stop();

  ASSERT_EQ(code, 0) << output;
  EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("locked")));
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed' AND attempts = 1"), 12);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 12);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(DISTINCT point_index) FROM trials"), 12);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM (SELECT trial_id FROM runs GROUP BY trial_id HAVING COUNT(*) > "
                                 "1)"),
            0);
  const auto integrity = query_rows(database, "PRAGMA integrity_check");
  ASSERT_FALSE(integrity.empty());
  EXPECT_EQ(integrity[0][0], "ok");
  EXPECT_GT(reader.reads(), 0);
  EXPECT_EQ(reader.failures(), 0) << reader.last_error();
}

TEST(SweepInterrupt, KilledSweepResumesEveryPointOnce) {
  TempFolder folder;
  const auto database = folder.path() / "killed.db";
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 512, 2));

  // Kill the whole process group with SIGKILL after the first point completed: nothing is marked.
  ChildProcess child = start_runner({config.string(), "-q", "--stale-after", "1"}, folder.path() / "out1.txt");
  ASSERT_TRUE(wait_for_count(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'", 1))
      << child.read_output();
  kill(child.pid, SIGKILL);
  child.wait();
  ASSERT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'running'"), 1);

  // The running trial has no heartbeat any more; after --stale-after it is claimed again.
  std::this_thread::sleep_for(2s);
  std::string output;
  ASSERT_EQ(run_runner({config.string(), "-q", "--stale-after", "1"}, folder.path() / "out2.txt", output), 0) << output;

  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'"), 8) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 8);
  // The killed point's run, if it had started, is marked interrupted by its stale heartbeat.
  EXPECT_LE(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'interrupted'"), 1);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'running'"), 0);
  // Exactly one completed run per point.
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM (SELECT t.point_index FROM runs r JOIN trials t ON "
                                 "t.id = r.trial_id WHERE r.status = 'completed' GROUP BY t.point_index HAVING "
                                 "COUNT(*) = 1)"),
            8);
}

void expect_signal_leaves_interrupted_rows(int signal_number, const std::vector<std::string>& extra) {
  TempFolder folder;
  const auto database = folder.path() / "signal.db";
  // Two points of several seconds each, so that the signal arrives while a run trains.
  const auto config = write_file(folder.path() / "grid.yaml", grid_config(database.string(), 4096, 3));
  std::vector<std::string> arguments = {config.string(), "-q", "seed=1", "model.width=8", "data.batch_size=4"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());

  ChildProcess child = start_runner(arguments, folder.path() / "out.txt");
  ASSERT_TRUE(wait_for_count(database, "SELECT COUNT(*) FROM metrics WHERE epoch = 1", 1)) << child.read_output();
  kill(child.pid, signal_number);
  const int code = child.wait();

  EXPECT_EQ(code, 130) << child.read_output();
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'running'"), 0);
  EXPECT_GE(count_rows(database, "SELECT COUNT(*) FROM runs WHERE status = 'interrupted' AND ended_at IS NOT NULL"), 1);
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'running'"), 0);
  EXPECT_GE(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'interrupted'"), 1);
  // The finished epoch of the interrupted run is kept.
  EXPECT_GE(count_rows(database, "SELECT COUNT(*) FROM metrics m JOIN runs r ON r.id = m.run_id "
                                 "WHERE r.status = 'interrupted' AND m.epoch = 1"),
            1);

  // Running the sweep again finishes it.
  std::string output;
  ASSERT_EQ(run_runner(arguments, folder.path() / "out2.txt", output), 0) << output;
  EXPECT_EQ(count_rows(database, "SELECT COUNT(*) FROM trials WHERE status = 'completed'"), 2);
}

TEST(SweepInterrupt, SigintMarksInterrupted) { expect_signal_leaves_interrupted_rows(SIGINT, {}); }

TEST(SweepInterrupt, SigtermWithJobsMarksInterrupted) {
  expect_signal_leaves_interrupted_rows(SIGTERM, {"--jobs", "2"});
}

}  // namespace
}  // namespace runner::testing
