// Migration of a version-1 database, written by the schema text of version 1, to the current schema.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "results/schema.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::TempFolder;

std::string read_version_1_schema() {
  const auto path = std::filesystem::path(RUNNER_SOURCE_DIR) / "tests" / "results" / "schema_version_1.sql";
  std::ifstream file(path);
  if (!file) throw std::runtime_error("missing " + path.string());
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Creates a version-1 file with one completed run of two epochs, as a runner of version 1 left it.
void create_version_1_database(const std::filesystem::path& database) {
  RawDatabase raw(database);
  raw.execute(read_version_1_schema());
  raw.execute("PRAGMA user_version = 1");
  raw.execute(
      "INSERT INTO runs (id, experiment, config_file, config_json, seed, device, device_name, status, "
      "ended_at, host, torch_version, runner_version, git_commit, blas, threads, parameter_count) VALUES "
      "(5, 'mnist_mlp', 'configs/mnist_mlp.yaml', '{\"seed\":3}', 3, 'cpu', 'x86', 'completed', "
      "'2024-05-01T12:00:00.000Z', 'node-1', '1.13.1', '0.1.0', 'abc1234', 'OpenBLAS', 4, 1000)");
  raw.execute(
      "INSERT INTO metrics (run_id, epoch, name, value) VALUES "
      "(5, 1, 'test_accuracy', 0.25), (5, 2, 'test_accuracy', 0.75), (5, 2, 'train_loss', 'NaN')");
}

// Every column of a table as "name type notnull default pk", to compare a migrated table with a new one.
std::vector<std::string> describe_columns(RawDatabase& raw, const std::string& table) {
  std::vector<std::string> columns;
  for (const auto& row :
       raw.rows("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('" + table + "')")) {
    std::string text;
    for (const auto& value : row) text += value.value_or("NULL") + " ";
    columns.push_back(text);
  }
  return columns;
}

std::vector<std::string> schema_objects(RawDatabase& raw) {
  std::vector<std::string> names;
  for (const auto& row : raw.rows("SELECT type || ' ' || name FROM sqlite_master ORDER BY type, name")) {
    names.push_back(row[0].value_or("NULL"));
  }
  return names;
}

TEST(SchemaMigration, Version1RowsSurvive) {
  TempFolder folder;
  const auto database = folder.file("old.db");
  create_version_1_database(database);

  { ResultsStore store(database); }

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(raw.text("SELECT experiment || ' ' || seed || ' ' || status || ' ' || ended_at FROM runs WHERE id = 5"),
            "mnist_mlp 3 completed 2024-05-01T12:00:00.000Z");
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics WHERE run_id = 5"), 3);
  EXPECT_EQ(raw.text("SELECT value FROM metrics WHERE run_id = 5 AND epoch = 2 AND name = 'train_loss'"), "NaN");
  EXPECT_EQ(raw.text("SELECT typeof(value) FROM metrics WHERE run_id = 5 AND epoch = 2 AND name = 'train_loss'"),
            "text");
  EXPECT_EQ(raw.text("SELECT integrity_check FROM pragma_integrity_check"), "ok");
  EXPECT_EQ(raw.text("SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

TEST(SchemaMigration, NewColumnsHaveDefaults) {
  TempFolder folder;
  const auto database = folder.file("old.db");
  create_version_1_database(database);

  { ResultsStore store(database); }

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("SELECT resumed_count FROM runs WHERE id = 5"), 0);
  EXPECT_EQ(raw.text("SELECT sweep_id FROM runs WHERE id = 5"), "NULL");
  EXPECT_EQ(raw.text("SELECT task FROM runs WHERE id = 5"), "NULL");
  EXPECT_EQ(raw.text("SELECT heartbeat_at FROM runs WHERE id = 5"), "NULL");
}

TEST(SchemaMigration, MatchesNewDatabase) {
  TempFolder folder;
  const auto migrated = folder.file("old.db");
  const auto fresh = folder.file("new.db");
  create_version_1_database(migrated);

  { ResultsStore store(migrated); }
  { ResultsStore store(fresh); }

  RawDatabase old_raw(migrated);
  RawDatabase new_raw(fresh);
  EXPECT_EQ(schema_objects(old_raw), schema_objects(new_raw));
  for (const char* table : {"runs", "metrics", "sweeps", "trials", "run_params", "step_metrics", "run_files"}) {
    EXPECT_EQ(describe_columns(old_raw, table), describe_columns(new_raw, table)) << "table " << table;
  }
  EXPECT_EQ(old_raw.integer("SELECT count(*) FROM student_t_975"),
            new_raw.integer("SELECT count(*) FROM student_t_975"));
}

TEST(SchemaMigration, ViewsReadMigratedRun) {
  TempFolder folder;
  const auto database = folder.file("old.db");
  create_version_1_database(database);

  { ResultsStore store(database); }

  RawDatabase raw(database);
  EXPECT_EQ(raw.text("SELECT final_epoch || ' ' || test_accuracy || ' ' || params || ' ' || point_key "
                     "FROM final_epochs WHERE run_id = 5"),
            "2 0.75 {} {}");
  EXPECT_EQ(raw.text("SELECT epoch FROM best_epochs WHERE run_id = 5"), "2");
  EXPECT_EQ(raw.text("SELECT n || ' ' || mean FROM seed_summary WHERE metric = 'test_accuracy'"), "1 0.75");
}

// Version 2 had the version 3 tables, but views without held_out_loss. CREATE VIEW IF NOT EXISTS
// would keep them, so the migration must replace them.
TEST(SchemaMigration, Version2ViewsReplaced) {
  TempFolder folder;
  const auto database = folder.file("v2.db");
  {
    ResultsStore store(database);
    const int64_t id = store.begin_run(testing::sample_run("kjv_lstm"));
    store.log_epoch(id, 1, {{"held_out_loss", 5.5}});
    store.log_epoch(id, 2, {{"held_out_loss", 4.5}});
    store.finish_run(id, RunStatus::kCompleted);
  }
  {
    RawDatabase raw(database);
    for (const char* view : {"seed_summary", "best_epochs", "final_epochs", "run_summary", "epochs"}) {
      raw.execute(std::string("DROP VIEW ") + view);
    }
    raw.execute("CREATE VIEW epochs AS SELECT run_id, epoch FROM metrics GROUP BY run_id, epoch");
    raw.execute("CREATE VIEW best_epochs AS SELECT run_id, epoch FROM epochs");
    raw.execute("PRAGMA user_version = 2");
  }

  { ResultsStore store(database); }

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(raw.text("SELECT epoch || ' ' || chosen_by || ' ' || held_out_loss FROM best_epochs"),
            "2 held_out_loss 4.5");
  EXPECT_EQ(raw.text("SELECT held_out_loss FROM run_summary"), "4.5");
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_master WHERE type = 'view'"), 5);
  EXPECT_EQ(raw.text("SELECT integrity_check FROM pragma_integrity_check"), "ok");
}

TEST(SchemaMigration, ProcessesMigrateOnce) {
  TempFolder folder;
  const auto database = folder.file("old.db");
  create_version_1_database(database);

  constexpr int kProcesses = 6;
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) {
      int code = 0;
      try {
        ResultsStore store(database);
      } catch (const std::exception& error) {
        fprintf(stderr, "child %d: %s\n", ::getpid(), error.what());
        code = 1;
      }
      ::_exit(code);
    }
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
  EXPECT_EQ(raw.integer("SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'sweep_id'"), 1);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM student_t_975"), 36);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), 3);
}

}  // namespace
}  // namespace runner::results
