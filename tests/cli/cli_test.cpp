// The real `runner` binary: exit codes, error messages, and what a signal leaves in the database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "../engine/engine_test_util.h"
#include "process.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kExitUsage = 2;
constexpr int kExitConfig = 3;
constexpr int kExitData = 4;
constexpr int kExitInterrupted = 130;

std::string fashion_config(const std::string& path, int64_t train_samples, int64_t batch_size, int64_t epochs) {
  return fmt::format(R"(name: cli
device: cpu
threads: 1
data: {{dataset: fashion_mnist, path: {}, train_samples: {}, test_samples: 500, batch_size: {}}}
model:
  layers: [flatten, {{type: linear, out_features: 10}}]
training: {{epochs: {}, train_accuracy: false}}
)",
                     path, train_samples, batch_size, epochs);
}

TEST(Cli, NoArgumentsIsUsageError) {
  TempFolder folder;
  std::string output;
  EXPECT_EQ(run_runner({}, folder.path() / "out.txt", output), kExitUsage);
}

TEST(Cli, VersionPrintsCommit) {
  TempFolder folder;
  std::string output;
  EXPECT_EQ(run_runner({"--version"}, folder.path() / "out.txt", output), 0);
  EXPECT_THAT(output, HasSubstr("runner 0."));
}

TEST(Cli, MissingConfigFile) {
  TempFolder folder;
  std::string output;
  EXPECT_EQ(run_runner({"/nonexistent/x.yaml"}, folder.path() / "out.txt", output), kExitConfig);
  EXPECT_THAT(output, HasSubstr("config error: /nonexistent/x.yaml: config file not found"));
}

TEST(Cli, ConfigErrorExitCodeAndLocation) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "bad.yaml", "name: x\nseed: -4\n");
  std::string output;
  EXPECT_EQ(run_runner({config.string(), "--db", (folder.path() / "r.db").string()}, folder.path() / "out.txt", output),
            kExitConfig);
  EXPECT_THAT(output, HasSubstr("bad.yaml:2:7: seed: must be >= 0, got -4"));
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "r.db"));
}

TEST(Cli, MissingFashionMnistHint) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", fashion_config("/nonexistent/fm", 100, 10, 1));
  std::string output;
  EXPECT_EQ(run_runner({config.string(), "--db", (folder.path() / "r.db").string()}, folder.path() / "out.txt", output),
            kExitData);
  EXPECT_THAT(output, HasSubstr("/nonexistent/fm"));
  EXPECT_THAT(output, HasSubstr("dataset-fashion-mnist"));
  EXPECT_FALSE(std::filesystem::exists(folder.path() / "r.db"));
}

TEST(Cli, MissingCifarArchiveHint) {
  TempFolder folder;
  std::string text = fashion_config("/nonexistent/cifar-10-python.tar.gz", 100, 10, 1);
  text.replace(text.find("fashion_mnist"), 13, "cifar10");
  const auto config = write_file(folder.path() / "c.yaml", text);
  std::string output;
  EXPECT_EQ(run_runner({config.string(), "--db", (folder.path() / "r.db").string()}, folder.path() / "out.txt", output),
            kExitData);
  EXPECT_THAT(output, HasSubstr("/nonexistent/cifar-10-python.tar.gz"));
  EXPECT_THAT(output, HasSubstr("https://www.cs.toronto.edu/~kriz/cifar.html"));
}

TEST(Cli, CompletedRunPrintsTableAndDatabase) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", fashion_config(kFashionMnistPath, 500, 50, 2));
  const auto db = folder.path() / "r.db";
  std::string output;
  ASSERT_EQ(run_runner({config.string(), "--db", db.string()}, folder.path() / "out.txt", output), 0) << output;
  EXPECT_THAT(output, HasSubstr("epoch 2/2 train_loss"));  // plain per-epoch lines: output is not a terminal
  EXPECT_THAT(output, HasSubstr("train_loss  test_loss"));  // the final table's header
  EXPECT_THAT(output, HasSubstr("run 1 completed; results in " + db.string()));
  EXPECT_EQ(query_rows(db, "SELECT count(*) FROM epochs WHERE run_id = 1")[0][0], "2");
}

// Starts a long run, waits until its first epoch is committed, sends `signal_number`, and checks
// that the run is marked interrupted with the finished epoch kept.
void check_signal_marks_interrupted(int signal_number) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", fashion_config(kFashionMnistPath, 6000, 4, 50));
  const auto db = folder.path() / "r.db";
  const ChildProcess child = start_runner({config.string(), "--db", db.string()}, folder.path() / "out.txt");

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  bool epoch_written = false;
  while (!epoch_written && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    epoch_written = std::filesystem::exists(db) &&
                    !query_rows(db, "SELECT 1 FROM metrics WHERE epoch = 1 LIMIT 1").empty();
  }
  kill(child.pid, signal_number);
  const int code = child.wait();
  ASSERT_TRUE(epoch_written) << child.read_output();
  EXPECT_EQ(code, kExitInterrupted) << child.read_output();

  const auto runs = query_rows(db, "SELECT status, ended_at IS NOT NULL, error FROM runs");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0][0], "interrupted");
  EXPECT_EQ(runs[0][1], "1");
  EXPECT_THAT(runs[0][2], HasSubstr("interrupted by a signal"));
  const auto epochs = query_rows(db, "SELECT count(*) FROM epochs");
  EXPECT_GE(std::stoi(epochs[0][0]), 1);
  EXPECT_LT(std::stoi(epochs[0][0]), 50);
}

TEST(Cli, SigintMarksRunInterrupted) { check_signal_marks_interrupted(SIGINT); }

TEST(Cli, SigtermMarksRunInterrupted) { check_signal_marks_interrupted(SIGTERM); }

}  // namespace
}  // namespace runner::testing
