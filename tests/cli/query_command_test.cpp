// `runner query` through the real binary: output formats, rejected statements, exit codes, and a read
// while another connection writes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "process.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kExitUsage = 2;

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// A fresh folder under the system temp folder, removed afterwards.
class QueryFolder {
 public:
  QueryFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::temp_directory_path() /
            ("runner_query_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~QueryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  QueryFolder(const QueryFolder&) = delete;
  QueryFolder& operator=(const QueryFolder&) = delete;

  std::filesystem::path file(const std::string& name) const { return root_ / name; }

 private:
  std::filesystem::path root_;
};

// A connection of the test itself, for creating the database and holding a write transaction.
class Database {
 public:
  explicit Database(const std::filesystem::path& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  ~Database() { sqlite3_close_v2(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void execute(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in " + sql);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

// Creates a results database with the schema of results/schema.sql, two runs and their metrics, in
// WAL mode like the runner's, with every row checkpointed into the main file.
std::filesystem::path make_database(const std::filesystem::path& path) {
  Database database(path);
  database.execute(read_bytes(std::filesystem::path(RUNNER_SOURCE_DIR) / "results" / "schema.sql"));
  database.execute("PRAGMA user_version = 2; PRAGMA journal_mode = WAL");
  database.execute(
      "INSERT INTO runs (id, experiment, config_file, config_json, seed, device, device_name, status, host, "
      "torch_version, runner_version, git_commit, blas, threads, parameter_count) VALUES "
      "(1, 'mnist, small', 'a.yaml', '{}', 1, 'cpu', 'cpu', 'completed', 'h', '1.13', '0.1', 'abc', 'b', 1, 10), "
      "(2, 'cifar', 'b.yaml', '{}', 2, 'cpu', 'cpu', 'diverged', 'h', '1.13', '0.1', 'abc', 'b', 1, 10)");
  database.execute(
      "INSERT INTO metrics (run_id, epoch, name, value) VALUES "
      "(1, 1, 'test_accuracy', 0.5), (1, 2, 'test_accuracy', 0.875), (1, 2, 'train_loss', 0.1), "
      "(2, 1, 'test_accuracy', 0.25), (2, 1, 'train_loss', 'NaN')");
  database.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return path;
}

constexpr const char* kSummaryQuery =
    "SELECT run_id, experiment, status, final_epoch, train_loss, test_accuracy FROM run_summary ORDER BY run_id";

TEST(QueryCommand, TableFormat) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  std::string output;

  EXPECT_EQ(run_runner({"query", "--db", database.string(), kSummaryQuery}, folder.file("out.txt"), output), 0);
  EXPECT_EQ(output,
            "run_id  experiment    status     final_epoch  train_loss  test_accuracy\n"
            "------  ------------  ---------  -----------  ----------  -------------\n"
            "     1  mnist, small  completed            2         0.1          0.875\n"
            "     2  cifar         diverged             1  NaN                  0.25\n"
            "(2 rows)\n");
}

TEST(QueryCommand, CsvFormat) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  std::string output;

  EXPECT_EQ(run_runner({"query", "--db", database.string(), "--format", "csv", kSummaryQuery}, folder.file("out.txt"),
                       output),
            0);
  EXPECT_EQ(output,
            "run_id,experiment,status,final_epoch,train_loss,test_accuracy\r\n"
            "1,\"mnist, small\",completed,2,0.1,0.875\r\n"
            "2,cifar,diverged,1,NaN,0.25\r\n");
}

TEST(QueryCommand, JsonFormat) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  std::string output;

  EXPECT_EQ(run_runner({"query", "--db", database.string(), "--format", "json", kSummaryQuery}, folder.file("out.txt"),
                       output),
            0);
  EXPECT_EQ(output,
            "[\n"
            "  {\"run_id\": 1, \"experiment\": \"mnist, small\", \"status\": \"completed\", \"final_epoch\": 2, "
            "\"train_loss\": 0.1, \"test_accuracy\": 0.875},\n"
            "  {\"run_id\": 2, \"experiment\": \"cifar\", \"status\": \"diverged\", \"final_epoch\": 1, "
            "\"train_loss\": \"NaN\", \"test_accuracy\": 0.25}\n"
            "]\n");
}

// Runs each statement through the binary and checks that it is rejected with exit code 2, a message
// that names what it would do, and the database file's bytes unchanged.
void expect_rejected(const std::vector<std::pair<std::string, std::string>>& statements_and_actions) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  const std::string before = read_bytes(database);

  for (const auto& [sql, action] : statements_and_actions) {
    std::string output;
    EXPECT_EQ(run_runner({"query", "--db", database.string(), sql}, folder.file("out.txt"), output), kExitUsage) << sql;
    EXPECT_THAT(output, HasSubstr("usage error: query on results database " + database.string()));
    EXPECT_THAT(output, HasSubstr("runner query runs read-only statements only, but this statement " + action));
  }
  EXPECT_EQ(read_bytes(database), before) << "a rejected statement must leave the file's bytes as they were";
}

TEST(QueryCommand, RowWritesRejected) {
  expect_rejected({
      {"DELETE FROM metrics", "deletes from metrics"},
      {"INSERT INTO sweeps (name, config_file, definition_hash, definition_json) VALUES ('a', 'b', 'c', 'd')",
       "inserts into sweeps"},
      {"UPDATE runs SET status = 'failed'", "updates runs"},
  });
}

TEST(QueryCommand, SchemaAndAttachRejected) {
  const auto attached =
      std::filesystem::temp_directory_path() / ("runner_query_attached_" + std::to_string(::getpid()));
  expect_rejected({
      {"DROP TABLE runs", "drops runs"},
      {"ATTACH DATABASE '" + attached.string() + "' AS extra", "attaches the database"},
      {"PRAGMA user_version = 9", "sets PRAGMA user_version to 9"},
  });
  EXPECT_FALSE(std::filesystem::exists(attached)) << "ATTACH must not create the file";
}

TEST(QueryCommand, MissingDatabaseNotCreated) {
  QueryFolder folder;
  const auto database = folder.file("absent.db");
  std::string output;

  EXPECT_EQ(run_runner({"query", "--db", database.string(), "SELECT 1"}, folder.file("out.txt"), output), kExitUsage);
  EXPECT_THAT(output, HasSubstr(database.string() + ": the file does not exist"));
  EXPECT_FALSE(std::filesystem::exists(database));
}

TEST(QueryCommand, DefaultDatabasePath) {
  QueryFolder folder;
  std::filesystem::create_directories(folder.file("results"));
  make_database(folder.file("results") / "runs.db");
  const auto previous = std::filesystem::current_path();
  std::string found;
  std::string missing;

  std::filesystem::current_path(folder.file(""));
  const int found_code = run_runner({"query", "SELECT count(*) AS runs FROM runs"}, folder.file("out.txt"), found);
  std::filesystem::rename(folder.file("results") / "runs.db", folder.file("results") / "moved.db");
  const int missing_code = run_runner({"query", "SELECT 1"}, folder.file("out.txt"), missing);
  std::filesystem::current_path(previous);

  EXPECT_EQ(found_code, 0);
  EXPECT_EQ(found, "runs\n----\n   2\n(1 row)\n");
  EXPECT_EQ(missing_code, kExitUsage);
  EXPECT_THAT(missing, HasSubstr("results/runs.db: the file does not exist"));
}

TEST(QueryCommand, InvalidFormatRejected) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  std::string output;

  EXPECT_EQ(
      run_runner({"query", "--db", database.string(), "--format", "xml", "SELECT 1"}, folder.file("out.txt"), output),
      kExitUsage);
  EXPECT_THAT(output, HasSubstr("--format"));
}

TEST(QueryCommand, ReadsWhileWriterHoldsLock) {
  QueryFolder folder;
  const auto database = make_database(folder.file("runs.db"));
  Database writer(database);
  writer.execute("BEGIN IMMEDIATE");
  writer.execute("UPDATE runs SET status = 'failed' WHERE id = 1");

  // A reader that waited for the lock would give up after its 5 s busy timeout and exit with 1.
  std::string output;
  const int code =
      run_runner({"query", "--db", database.string(), "--format", "csv", "SELECT status FROM runs WHERE id = 1"},
                 folder.file("out.txt"), output);

  EXPECT_EQ(code, 0) << output;
  EXPECT_EQ(output, "status\r\ncompleted\r\n") << "the reader sees the last committed state";
  writer.execute("COMMIT");  // the writer is not disturbed by the reader either
  EXPECT_EQ(run_runner({"query", "--db", database.string(), "--format", "csv", "SELECT status FROM runs WHERE id = 1"},
                       folder.file("out.txt"), output),
            0);
  EXPECT_EQ(output, "status\r\nfailed\r\n");
}

}  // namespace
}  // namespace runner::testing
