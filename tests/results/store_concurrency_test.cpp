// Several processes that share one database file, as parallel runs of a sweep do.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "results/metric_names.h"
#include "results/schema.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

constexpr int kProcesses = 6;
constexpr int kEpochs = 20;

// Runs in a forked child: opens the store, writes one run and exits with 0 on success.
[[noreturn]] void write_one_run(const std::filesystem::path& database) {
  int code = 0;
  try {
    ResultsStore store(database);
    const int64_t id = store.begin_run(sample_run());
    for (int epoch = 1; epoch <= kEpochs; ++epoch) {
      store.log_epoch(id, epoch, {{kTrainLoss, 1.0 / epoch}, {kTestAccuracy, 0.5}});
    }
    store.finish_run(id, RunStatus::kCompleted);
  } catch (const std::exception& error) {
    fprintf(stderr, "child %d: %s\n", ::getpid(), error.what());
    code = 1;
  }
  // _exit skips the parent's atexit handlers and gtest's state, which the child inherited.
  ::_exit(code);
}

TEST(StoreConcurrency, ProcessesShareFreshFile) {
  TempFolder folder;
  const auto database = folder.file("results.db");

  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) write_one_run(database);
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "child " << pid << " was killed";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "child " << pid << " failed";
  }

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 8)
      << "the schema must be created exactly once";
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs WHERE status = 'completed'"), kProcesses);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), kProcesses * kEpochs * 2);
}

}  // namespace
}  // namespace runner::results
