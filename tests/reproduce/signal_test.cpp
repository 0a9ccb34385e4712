// The real `runner` binary stopped by SIGINT or SIGTERM mid-run, then finished with `runner resume`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "../cli/process.h"
#include "reproduce_test_util.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kExitInterrupted = 130;

// A small convolutional net on 10,000 images: about 0.4 s per epoch on one thread of an EPYC core, so
// a signal sent within 20 ms of epoch 1 being recorded lands well before epoch 5 ends.
std::string slow_config() {
  return fmt::format(R"(name: signal
seed: 5
device: cpu
threads: 1
data: {{dataset: fashion_mnist, path: {}, train_samples: 10000, test_samples: 100, batch_size: 16}}
model:
  layers:
    - {{type: conv2d, out_channels: 8, kernel_size: 3, padding: 1}}
    - relu
    - {{type: maxpool2d, kernel_size: 2}}
    - flatten
    - {{type: linear, out_features: 10}}
optimizer: {{name: sgd, lr: 0.05, momentum: 0.9}}
training: {{epochs: 5, train_accuracy: false}}
)",
                     kFashionMnistPath);
}

// Whether `database` has a metric of `epoch` yet. Unlike query_rows it waits out the writer's lock and
// treats a file that is still being created as "not yet", because it polls a live run.
bool epoch_recorded(const std::filesystem::path& database, int64_t epoch) {
  if (!std::filesystem::exists(database)) return false;
  sqlite3* db = nullptr;
  bool found = false;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* statement = nullptr;
    const std::string sql = fmt::format("SELECT 1 FROM metrics WHERE epoch = {} LIMIT 1", epoch);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      found = sqlite3_step(statement) == SQLITE_ROW;
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return found;
}

void check_signal_then_resume(int signal_number) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "signal.yaml", slow_config());
  const auto db = folder.path() / "results.db";
  const ChildProcess child = start_runner({config.string(), "--db", db.string()}, folder.path() / "train.txt");

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool epoch_written = false;
  while (!epoch_written && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    epoch_written = epoch_recorded(db, 1);
  }
  kill(child.pid, signal_number);
  const int code = child.wait();
  ASSERT_TRUE(epoch_written) << child.read_output();
  ASSERT_EQ(code, kExitInterrupted) << child.read_output();

  const auto run = query_rows(db, "SELECT status, ended_at IS NOT NULL, error FROM runs WHERE id = 1");
  ASSERT_EQ(run.size(), 1u);
  EXPECT_EQ(run[0][0], "interrupted");
  EXPECT_EQ(run[0][1], "1");
  EXPECT_THAT(run[0][2], HasSubstr("interrupted by a signal"));
  const int kept_epochs = std::stoi(query_rows(db, "SELECT count(*) FROM epochs WHERE run_id = 1")[0][0]);
  EXPECT_GE(kept_epochs, 1);
  EXPECT_LT(kept_epochs, 5);
  EXPECT_TRUE(std::filesystem::exists(folder.path() / "results.runs" / "1" / "checkpoint.pt"));
  EXPECT_THAT(child.read_output(), HasSubstr("runner resume 1"));

  std::string output;
  EXPECT_EQ(run_runner({"resume", "1", "--db", db.string()}, folder.path() / "resume.txt", output), 0) << output;
  EXPECT_THAT(output, HasSubstr(fmt::format("resuming    run 1 after epoch {} of 5", kept_epochs)));
  const auto resumed = query_rows(db, "SELECT status, resumed_count, error IS NULL FROM runs WHERE id = 1");
  EXPECT_EQ(resumed[0], (std::vector<std::string>{"completed", "1", "1"}));
  EXPECT_EQ(query_rows(db, "SELECT group_concat(epoch) FROM (SELECT epoch FROM epochs WHERE run_id = 1 "
                           "ORDER BY epoch)")[0][0],
            "1,2,3,4,5");
}

TEST(Signal, SigintThenResumeCompletes) { check_signal_then_resume(SIGINT); }

TEST(Signal, SigtermThenResumeCompletes) { check_signal_then_resume(SIGTERM); }

TEST(Signal, ResumeOfCompletedRunIsUsageError) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 1)).exit_code, ExitCode::kOk);
  std::string output;
  EXPECT_EQ(run_runner({"resume", "1", "--db", db.string()}, folder.path() / "out.txt", output), 2);
  EXPECT_THAT(output, HasSubstr("run 1 already completed"));
  EXPECT_EQ(run_runner({"rerun", "1", "--db", db.string(), "--tolerance", "-1"}, folder.path() / "out.txt", output),
            2);
  EXPECT_THAT(output, HasSubstr("--tolerance"));
}

}  // namespace
}  // namespace runner::testing
