// record_params: every JSON type round-trips with its SQLite storage class and exact value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "results/run_lookup.h"
#include "results/sqlite.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

// Returns typeof(value) of one stored parameter.
std::string stored_type(RawDatabase& raw, int64_t run_id, const std::string& name) {
  return raw.text("SELECT typeof(value) FROM run_params WHERE run_id = " + std::to_string(run_id) + " AND name = '" +
                  name + "'");
}

// Reads one stored parameter back as a double with the SQLite C API, without a text round trip.
double stored_double(RawDatabase& raw, int64_t run_id, const std::string& name) {
  sqlite3_stmt* statement = nullptr;
  const std::string sql = "SELECT value FROM run_params WHERE run_id = ? AND name = ?";
  EXPECT_EQ(sqlite3_prepare_v2(raw.handle(), sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
  sqlite3_bind_int64(statement, 1, run_id);
  sqlite3_bind_text(statement, 2, name.c_str(), -1, SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
  const double value = sqlite3_column_double(statement, 0);
  sqlite3_finalize(statement);
  return value;
}

TEST(RecordParams, FloatsRoundTripExactly) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  record_params(store, run, {{"optimizer.lr", 1e-7}, {"optimizer.momentum", 0.1}, {"model.scale", 1.0 / 3.0}});

  RawDatabase raw(store.path());
  EXPECT_EQ(stored_type(raw, run, "optimizer.lr"), "real");
  EXPECT_EQ(stored_double(raw, run, "optimizer.lr"), 1e-7);
  EXPECT_EQ(stored_double(raw, run, "optimizer.momentum"), 0.1);
  EXPECT_EQ(stored_double(raw, run, "model.scale"), 1.0 / 3.0);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM run_params WHERE value = 1e-7"), 1) << "SQL compares the REAL exactly";
}

TEST(RecordParams, TypesKeepStorageClass) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  record_params(store, run,
                {{"model.width", 64},
                 {"seed", 7},
                 {"model.activation", "relu"},
                 {"data.augment", true},
                 {"data.shuffle", false},
                 {"model.dropout", nullptr},
                 {"model.kernel", nlohmann::json::array({3, 5})},
                 {"data.limit", 4294967296u}});

  RawDatabase raw(store.path());
  EXPECT_EQ(stored_type(raw, run, "model.width"), "integer");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'model.width'"), "64");
  EXPECT_EQ(stored_type(raw, run, "seed"), "integer");
  EXPECT_EQ(stored_type(raw, run, "model.activation"), "text");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'model.activation'"), "relu");
  EXPECT_EQ(stored_type(raw, run, "data.augment"), "integer");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'data.augment'"), "1");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'data.shuffle'"), "0");
  EXPECT_EQ(stored_type(raw, run, "model.dropout"), "null");
  EXPECT_EQ(stored_type(raw, run, "model.kernel"), "text");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'model.kernel'"), "[3,5]");
  EXPECT_EQ(stored_type(raw, run, "data.limit"), "integer");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'data.limit'"), "4294967296");
}

TEST(RecordParams, NonFiniteStoredAsText) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  record_params(store, run, {{"clip", std::numeric_limits<double>::infinity()}});

  RawDatabase raw(store.path());
  EXPECT_EQ(stored_type(raw, run, "clip"), "text");
  EXPECT_EQ(raw.text("SELECT value FROM run_params WHERE name = 'clip'"), "Infinity");
}

TEST(RecordParams, SecondCallReplacesValue) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  record_params(store, run, {{"model.width", 64}});
  record_params(store, run, {{"model.width", 0.5}, {"model.depth", 3}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM run_params"), 2);
  EXPECT_EQ(stored_type(raw, run, "model.width"), "real");
  EXPECT_EQ(stored_double(raw, run, "model.width"), 0.5);
}

TEST(RecordParams, MissingRunRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  try {
    record_params(store, 42, {{"model.width", 64}});
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("run 42 not found"), std::string::npos) << error.what();
  }
}

TEST(RecordParams, EmptyNameRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  try {
    record_params(store, run, {{"model.width", 64}, {"", 1}});
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("empty name"), std::string::npos) << error.what();
  }
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM run_params"), 0) << "nothing is written when one name is invalid";
}

TEST(RecordParams, DeletedWithRun) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());
  record_params(store, run, {{"model.width", 64}});

  store.connection().execute("DELETE FROM runs WHERE id = " + std::to_string(run), "deleting the run");

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM run_params"), 0) << "ON DELETE CASCADE";
}

}  // namespace
}  // namespace runner::results
