// Opening a database: folders, schema creation, PRAGMAs, reopening, and the files the store rejects.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "results/metric_names.h"
#include "results/schema.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

std::string open_error(const std::filesystem::path& database,
                       std::chrono::milliseconds busy_timeout = kDefaultBusyTimeout) {
  try {
    ResultsStore store(database, busy_timeout);
  } catch (const StoreError& error) {
    return error.what();
  }
  return "";
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "expected \"" << part << "\" in:\n" << message;
}

TEST(StoreOpen, CreatesParentFolders) {
  TempFolder folder;
  const auto database = folder.root() / "a" / "b" / "results.db";
  ResultsStore store(database);

  EXPECT_TRUE(std::filesystem::is_regular_file(database));
  EXPECT_EQ(store.path(), database);
}

TEST(StoreOpen, JournalModeIsWal) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
}

TEST(StoreOpen, UserVersionIsCurrent) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("PRAGMA user_version"), 3);
  EXPECT_EQ(kSchemaVersion, 3);
}

TEST(StoreOpen, CreatesTablesAndViews) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"index", "runs_by_experiment"}, {"index", "sweeps_by_name"}, {"table", "metrics"},
      {"table", "run_files"},          {"table", "run_params"},     {"table", "runs"},
      {"table", "step_metrics"},       {"table", "student_t_975"},  {"table", "sweeps"},
      {"table", "trials"},             {"view", "best_epochs"},     {"view", "epochs"},
      {"view", "final_epochs"},        {"view", "run_summary"},     {"view", "seed_summary"},
  };
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], expected[i].first);
    EXPECT_EQ(rows[i][1], expected[i].second);
  }
}

TEST(StoreOpen, EmbeddedSchemaMatchesFile) {
  std::ifstream file(std::filesystem::path(RUNNER_SOURCE_DIR) / "results" / "schema.sql");
  ASSERT_TRUE(file) << "results/schema.sql not found under " << RUNNER_SOURCE_DIR;
  std::stringstream text;
  text << file.rdbuf();

  EXPECT_EQ(std::string(schema_sql()), text.str()) << "the build must re-embed schema.sql when it changes";
}

TEST(StoreOpen, ReopenKeepsRows) {
  TempFolder folder;
  const auto database = folder.file("results.db");
  int64_t first = 0;
  {
    ResultsStore store(database);
    first = store.begin_run(sample_run());
    store.log_epoch(first, 1, {{kTrainLoss, 0.5}});
    store.finish_run(first, RunStatus::kCompleted);
  }

  ResultsStore reopened(database);
  const int64_t second = reopened.begin_run(sample_run());
  EXPECT_GT(second, first);
  const auto rows = reopened.metrics(first);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 0.5);

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs"), 2);
  EXPECT_EQ(raw.text("SELECT status FROM runs WHERE id = " + std::to_string(first)), "completed");
  EXPECT_EQ(raw.integer("PRAGMA user_version"), kSchemaVersion);
}

TEST(StoreOpen, ForeignKeysEnforced) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  // The store's own connection must enforce them, so an insert for a missing run fails.
  EXPECT_THROW(store.log_epoch(1, 1, {{kTrainLoss, 0.5}}), StoreError);
}

TEST(StoreOpen, NewerVersionRejected) {
  TempFolder folder;
  const auto database = folder.file("results.db");
  {
    RawDatabase raw(database);
    raw.execute("PRAGMA user_version = 4");
  }

  const std::string message = open_error(database);
  expect_contains(message, database.string());
  expect_contains(message, "schema version 4");
  expect_contains(message, "upgrade the runner");

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_master"), 0) << "a rejected file must stay untouched";
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "delete");
}

TEST(StoreOpen, ForeignDatabaseRejected) {
  TempFolder folder;
  const auto database = folder.file("other.db");
  {
    RawDatabase raw(database);
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  }

  const std::string message = open_error(database);
  expect_contains(message, database.string());
  expect_contains(message, "not a runner results database");
}

TEST(StoreOpen, NonDatabaseFileRejected) {
  TempFolder folder;
  const auto database = folder.file("notes.db");
  std::ofstream(database) << "these are notes, not an SQLite database\n";

  const std::string message = open_error(database);
  expect_contains(message, database.string());
  expect_contains(message, "file is not a database");
}

TEST(StoreOpen, FileAsFolderRejected) {
  TempFolder folder;
  const auto blocker = folder.file("results");
  std::ofstream(blocker) << "a file where the store expects a folder\n";
  const auto database = blocker / "results.db";

  const std::string message = open_error(database);
  expect_contains(message, database.string());
  expect_contains(message, "creating the folder " + blocker.string());
  expect_contains(message, "not writable");
}

TEST(StoreOpen, ReadOnlyFolderRejected) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can write to a read-only folder";
  TempFolder folder;
  const auto locked = folder.root() / "locked";
  std::filesystem::create_directories(locked);
  ::chmod(locked.c_str(), 0500);

  const auto database = locked / "results.db";
  const std::string message = open_error(database);
  ::chmod(locked.c_str(), 0700);
  expect_contains(message, database.string());
  expect_contains(message, "unable to open database file");
  expect_contains(message, "writable");
}

TEST(StoreOpen, LockedDatabaseRejected) {
  TempFolder folder;
  const auto database = folder.file("results.db");
  { ResultsStore store(database); }

  RawDatabase holder(database);
  holder.execute("BEGIN EXCLUSIVE");

  const std::string message = open_error(database, std::chrono::milliseconds(50));
  expect_contains(message, database.string());
  expect_contains(message, "database is locked");
  expect_contains(message, "exclusive lock");
  holder.execute("ROLLBACK");
}

}  // namespace
}  // namespace runner::results
