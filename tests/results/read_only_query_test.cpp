// run_read_only_query and format_query_result: what `runner query` reads, rejects and prints.
#include "results/read_only_query.h"
#include "results/schema.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "results/metric_names.h"
#include "results/query_output.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// A database with one run and two metrics, one of them NaN, checkpointed so that every row is in the
// main file and a change to it would show in its bytes.
std::filesystem::path make_database(const TempFolder& folder) {
  const auto database = folder.file("runs.db");
  {
    ResultsStore store(database);
    const int64_t run = store.begin_run(sample_run());
    store.log_epoch(run, 1, {{kTrainLoss, std::nan("")}, {kTestAccuracy, 0.25}});
  }
  RawDatabase raw(database);
  raw.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return database;
}

QueryError query_error(const std::filesystem::path& database, const std::string& sql) {
  try {
    run_read_only_query(database, sql);
  } catch (const QueryError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a QueryError for: " << sql;
  return QueryError("", false);
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "expected \"" << part << "\" in:\n" << message;
}

TEST(ReadOnlyQuery, ReadsTypedValues) {
  TempFolder folder;
  const auto database = make_database(folder);

  const QueryResult result = run_read_only_query(database, "SELECT epoch, name, value FROM metrics ORDER BY name");

  EXPECT_EQ(result.columns, (std::vector<std::string>{"epoch", "name", "value"}));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0][0].kind, QueryCell::Kind::kInteger);
  EXPECT_EQ(result.rows[0][0].integer, 1);
  EXPECT_EQ(result.rows[0][1].text, "test_accuracy");
  EXPECT_EQ(result.rows[0][2].kind, QueryCell::Kind::kReal);
  EXPECT_EQ(result.rows[0][2].real, 0.25);
  EXPECT_EQ(result.rows[1][2].kind, QueryCell::Kind::kText);
  EXPECT_EQ(result.rows[1][2].text, "NaN");
}

TEST(ReadOnlyQuery, WritesRejectedFileUnchanged) {
  TempFolder folder;
  const auto database = make_database(folder);
  const std::string before = file_bytes(database);
  const std::string other = folder.file("other.db").string();

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"DELETE FROM runs", "deletes from runs"},
      {"DROP TABLE metrics", "drops metrics"},
      {"INSERT INTO run_params (run_id, name, value) VALUES (1, 'seed', 1)", "inserts into run_params"},
      {"UPDATE runs SET status = 'failed'", "updates runs"},
      {"ATTACH DATABASE '" + other + "' AS other", "attaches the database"},
      {"DETACH DATABASE main", "detaches the database main"},
      {"PRAGMA user_version = 7", "sets PRAGMA user_version to 7"},
      {"PRAGMA journal_mode = DELETE", "sets PRAGMA journal_mode to DELETE"},
      {"CREATE TABLE notes (text TEXT)", "creates notes"},
      {"BEGIN IMMEDIATE", "controls a transaction"},
  };
  for (const auto& [sql, action] : cases) {
    const QueryError error = query_error(database, sql);
    EXPECT_TRUE(error.is_usage_error()) << sql;
    expect_contains(error.what(), "runner query runs read-only statements only, but this statement " + action);
    expect_contains(error.what(), database.string());
  }

  // The authorizer lets actions on the schema table pass, and SQLite itself rejects this one.
  const QueryError schema_write = query_error(database, "DELETE FROM sqlite_master");
  EXPECT_TRUE(schema_write.is_usage_error());
  expect_contains(schema_write.what(), "table sqlite_master may not be modified");

  EXPECT_EQ(file_bytes(database), before);
  EXPECT_FALSE(std::filesystem::exists(other)) << "ATTACH must not create the file";
  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs"), 1);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), kSchemaVersion);
}

TEST(ReadOnlyQuery, ReadingPragmasAllowed) {
  TempFolder folder;
  const auto database = make_database(folder);

  EXPECT_EQ(run_read_only_query(database, "PRAGMA user_version").rows.at(0).at(0).integer, kSchemaVersion);
  EXPECT_GT(run_read_only_query(database, "PRAGMA table_info(runs)").rows.size(), 20u);
  EXPECT_EQ(run_read_only_query(database, "SELECT count(*) FROM pragma_table_info('trials')").rows.at(0).at(0).integer,
            13);
}

TEST(ReadOnlyQuery, OneStatementOnly) {
  TempFolder folder;
  const auto database = make_database(folder);

  expect_contains(query_error(database, "SELECT 1; DELETE FROM runs").what(), "more than one statement");
  expect_contains(query_error(database, "SELECT 1; SELECT 2").what(), "more than one statement");
  expect_contains(query_error(database, "  -- only a comment").what(), "contains no statement");
  EXPECT_EQ(run_read_only_query(database, "SELECT 1; -- trailing comment\n").rows.size(), 1u);
  EXPECT_EQ(RawDatabase(database).integer("SELECT count(*) FROM runs"), 1);
}

TEST(ReadOnlyQuery, InvalidSqlIsUsageError) {
  TempFolder folder;
  const auto database = make_database(folder);

  const QueryError error = query_error(database, "SELECT nope FROM runs");
  EXPECT_TRUE(error.is_usage_error());
  expect_contains(error.what(), "invalid SQL: no such column: nope");
  expect_contains(error.what(), "docs/results.md");
}

TEST(ReadOnlyQuery, MissingDatabaseNotCreated) {
  TempFolder folder;
  const auto database = folder.file("absent.db");

  const QueryError error = query_error(database, "SELECT 1");
  EXPECT_TRUE(error.is_usage_error());
  expect_contains(error.what(), database.string() + ": the file does not exist");
  expect_contains(error.what(), "--db");
  EXPECT_FALSE(std::filesystem::exists(database));
}

TEST(ReadOnlyQuery, UnusualFileNameOpens) {
  TempFolder folder;
  const auto plain = make_database(folder);
  const auto unusual = folder.file("runs #1?mode=rw%20.db");
  std::filesystem::copy_file(plain, unusual);

  EXPECT_EQ(run_read_only_query(unusual, "SELECT count(*) FROM runs").rows.at(0).at(0).integer, 1);
}

TEST(ReadOnlyQuery, WriterNotBlocked) {
  TempFolder folder;
  const auto database = make_database(folder);
  RawDatabase writer(database);
  writer.execute("BEGIN IMMEDIATE");
  writer.execute("UPDATE runs SET status = 'failed'");

  const auto start = std::chrono::steady_clock::now();
  const QueryResult result = run_read_only_query(database, "SELECT status FROM runs");
  const auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(result.rows.at(0).at(0).text, "running") << "the reader sees the last committed state";
  EXPECT_LT(elapsed, std::chrono::seconds(1)) << "the reader must not wait for the writer";
  writer.execute("UPDATE runs SET status = 'completed'");
  writer.execute("COMMIT");  // and the writer can still commit after the read
  EXPECT_EQ(run_read_only_query(database, "SELECT status FROM runs").rows.at(0).at(0).text, "completed");
}

// A result with every kind of value, for the exact text of each format.
QueryResult sample_result() {
  TempFolder folder;
  const auto database = make_database(folder);
  return run_read_only_query(database,
                             "SELECT 12 AS run_id, 'mnist, \"small\"' AS experiment, 0.1 AS lr, 3.0 AS width, "
                             "NULL AS error, 'NaN' AS loss, X'0AFF' AS raw "
                             "UNION ALL SELECT 7, 'cifär', 1e-7, -2.5, 'line one\nline two', 'Infinity', NULL");
}

TEST(QueryOutput, Table) {
  EXPECT_EQ(format_query_result(sample_result(), QueryFormat::kTable),
            "run_id  experiment      lr     width  error               loss      raw\n"
            "------  --------------  -----  -----  ------------------  --------  -------\n"
            "    12  mnist, \"small\"    0.1    3.0  NULL                NaN       X'0AFF'\n"
            "     7  cifär           1e-07   -2.5  line one\\nline two  Infinity  NULL\n"
            "(2 rows)\n");
}

TEST(QueryOutput, Csv) {
  EXPECT_EQ(format_query_result(sample_result(), QueryFormat::kCsv),
            "run_id,experiment,lr,width,error,loss,raw\r\n"
            "12,\"mnist, \"\"small\"\"\",0.1,3.0,,NaN,X'0AFF'\r\n"
            "7,cifär,1e-07,-2.5,\"line one\nline two\",Infinity,\r\n");
}

TEST(QueryOutput, Json) {
  EXPECT_EQ(
      format_query_result(sample_result(), QueryFormat::kJson),
      "[\n"
      "  {\"run_id\": 12, \"experiment\": \"mnist, \\\"small\\\"\", \"lr\": 0.1, \"width\": 3.0, \"error\": null, "
      "\"loss\": \"NaN\", \"raw\": \"X'0AFF'\"},\n"
      "  {\"run_id\": 7, \"experiment\": \"cifär\", \"lr\": 1e-07, \"width\": -2.5, \"error\": \"line one\\nline "
      "two\", \"loss\": \"Infinity\", \"raw\": null}\n"
      "]\n");
  EXPECT_NO_THROW(nlohmann::json::parse(format_query_result(sample_result(), QueryFormat::kJson)));
}

TEST(QueryOutput, EmptyResult) {
  TempFolder folder;
  const auto database = make_database(folder);
  const QueryResult empty = run_read_only_query(database, "SELECT id, status FROM runs WHERE id < 0");

  EXPECT_EQ(format_query_result(empty, QueryFormat::kTable), "id  status\n--  ------\n(0 rows)\n");
  EXPECT_EQ(format_query_result(empty, QueryFormat::kCsv), "id,status\r\n");
  EXPECT_EQ(format_query_result(empty, QueryFormat::kJson), "[]\n");
}

TEST(QueryOutput, FormatNames) {
  EXPECT_EQ(parse_query_format("table"), QueryFormat::kTable);
  EXPECT_EQ(parse_query_format("csv"), QueryFormat::kCsv);
  EXPECT_EQ(parse_query_format("json"), QueryFormat::kJson);
  EXPECT_EQ(parse_query_format("xml"), std::nullopt);
}

}  // namespace
}  // namespace runner::results
