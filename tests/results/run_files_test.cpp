// run_directory, record_run_file and find_run_file.
#include "results/run_files.h"

#include <gtest/gtest.h>

#include <string>

#include "results/sqlite.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

TEST(RunDirectory, FolderBesideDatabase) {
  EXPECT_EQ(run_directory("/data/results/runs.db", 12), std::filesystem::path("/data/results/runs.runs/12"));
  EXPECT_EQ(run_directory("/data/sweep.sqlite", 3), std::filesystem::path("/data/sweep.runs/3"));
}

TEST(RunDirectory, RelativeDatabaseMadeAbsolute) {
  const auto folder = run_directory("results/runs.db", 5);

  EXPECT_TRUE(folder.is_absolute());
  EXPECT_EQ(folder, std::filesystem::current_path() / "results" / "runs.runs" / "5");
}

TEST(RunDirectory, CreatesNothing) {
  TempFolder folder;
  const auto directory = run_directory(folder.file("runs.db"), 1);

  EXPECT_FALSE(std::filesystem::exists(directory));
  EXPECT_FALSE(std::filesystem::exists(directory.parent_path()));
}

TEST(RunFiles, RecordAndFind) {
  TempFolder folder;
  ResultsStore store(folder.file("runs.db"));
  const int64_t run = store.begin_run(sample_run());
  const auto checkpoint = run_directory(store.path(), run) / "checkpoint.pt";

  record_run_file(store, run, "checkpoint.pt", checkpoint);

  EXPECT_EQ(find_run_file(store, run, "checkpoint.pt"), checkpoint);
  EXPECT_EQ(find_run_file(store, run, "model.pt"), std::nullopt);
  EXPECT_EQ(find_run_file(store, run + 1, "checkpoint.pt"), std::nullopt);
}

TEST(RunFiles, SecondRecordReplacesPath) {
  TempFolder folder;
  ResultsStore store(folder.file("runs.db"));
  const int64_t run = store.begin_run(sample_run());

  record_run_file(store, run, "embedding.vec", "/tmp/first.vec");
  record_run_file(store, run, "embedding.vec", "/tmp/second.vec");

  EXPECT_EQ(find_run_file(store, run, "embedding.vec"), std::filesystem::path("/tmp/second.vec"));
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM run_files"), 1);
}

TEST(RunFiles, RelativePathStoredAbsolute) {
  TempFolder folder;
  ResultsStore store(folder.file("runs.db"));
  const int64_t run = store.begin_run(sample_run());

  record_run_file(store, run, "tokens.txt", "out/./tokens.txt");

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT path FROM run_files"), (std::filesystem::current_path() / "out" / "tokens.txt").string());
}

TEST(RunFiles, MissingRunRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("runs.db"));

  EXPECT_THROW(record_run_file(store, 9, "model.pt", "/tmp/model.pt"), StoreError);
}

TEST(RunFiles, EmptyNameRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("runs.db"));
  const int64_t run = store.begin_run(sample_run());

  try {
    record_run_file(store, run, "", "/tmp/model.pt");
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("the file name is empty"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace runner::results
