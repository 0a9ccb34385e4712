#include "results/report/read_only_database.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "results/metric_value.h"
#include "results/report/report_error.h"
#include "results/sqlite.h"
#include "results/store_error.h"

namespace runner::results::report {

namespace {

// Readers of a WAL database wait only while a writer checkpoints or recovers the file, which is short.
constexpr int kBusyTimeoutMilliseconds = 10000;

// The store's hints name results.database in a config, which the report does not read.
std::string hint_for_report(int result_code) {
  switch (result_code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return "the file is not an SQLite database or is damaged, so pass the results database with --db FILE";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return "check that the file and its folder are readable";
    default:
      return hint_for_sqlite_error(result_code);
  }
}

void check_exists(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    throw ReportError(fmt::format("results database {} not found", path.string()),
                      "pass the database that the runs wrote with --db FILE (the default is results/runs.db, "
                      "as results.database in a config)");
  }
  if (std::filesystem::is_directory(status)) {
    throw ReportError(fmt::format("results database {} is a folder, not a file", path.string()),
                      "pass the database file with --db FILE, e.g. results/runs.db");
  }
}

}  // namespace

ReadOnlyDatabase::ReadOnlyDatabase(const std::filesystem::path& path) : path_(path) {
  check_exists(path);

  const int result = sqlite3_open_v2(path.string().c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
  if (result != SQLITE_OK) {
    // sqlite3_open_v2 returns a handle even on failure, so that the message can be read.
    const std::string cause = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(result);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(path_, "opening the file for reading", cause, hint_for_report(result), result);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMilliseconds);

  // The destructor does not run when the constructor throws, so close the handle here.
  try {
    check_schema();
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

void ReadOnlyDatabase::check_schema() {
  // SQLite reads the header only at the first statement, so a file that is not a database fails here.
  Query version(*this, "PRAGMA user_version", "reading the schema version");
  version.next();
  schema_version_ = version.integer(0);

  const std::string hint = "pass the database that the runs wrote with --db FILE, e.g. results/runs.db";
  if (schema_version_ < 1) {
    throw ReportError(fmt::format("{} is not a runner results database: its schema version (PRAGMA user_version) "
                                  "is {}",
                                  path_.string(), schema_version_),
                      hint);
  }
  if (!has_table("runs") || !has_table("metrics")) {
    throw ReportError(fmt::format("{} is not a runner results database: it has no runs or no metrics table",
                                  path_.string()),
                      hint);
  }
}

ReadOnlyDatabase::~ReadOnlyDatabase() { sqlite3_close_v2(db_); }

bool ReadOnlyDatabase::has_table(const std::string& name) const {
  Query query(*this, "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1",
              "listing the tables");
  query.bind(1, name);
  query.next();
  return query.integer(0) > 0;
}

void ReadOnlyDatabase::throw_last_error(const std::string& step) const {
  const int code = sqlite3_extended_errcode(db_);
  throw StoreError(path_, step, sqlite3_errmsg(db_), hint_for_report(code), code);
}

Query::Query(const ReadOnlyDatabase& database, const std::string& sql, std::string step)
    : database_(database), step_(std::move(step)) {
  const int result = sqlite3_prepare_v2(database_.handle(), sql.c_str(), static_cast<int>(sql.size()),
                                        &statement_, nullptr);
  if (result != SQLITE_OK) database_.throw_last_error(step_);
}

Query::~Query() { sqlite3_finalize(statement_); }

void Query::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) database_.throw_last_error(step_);
}

void Query::bind(int index, const std::string& value) {
  const int result = sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                                       SQLITE_TRANSIENT);
  if (result != SQLITE_OK) database_.throw_last_error(step_);
}

bool Query::next() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  database_.throw_last_error(step_);
}

int Query::type(int column) const { return sqlite3_column_type(statement_, column); }

int64_t Query::integer(int column) const { return sqlite3_column_int64(statement_, column); }

std::optional<int64_t> Query::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

double Query::real(int column) const { return sqlite3_column_double(statement_, column); }

std::optional<double> Query::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

std::string Query::text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  const int size = sqlite3_column_bytes(statement_, column);
  return text ? std::string(text, static_cast<size_t>(size)) : std::string();
}

double Query::metric(int column) const {
  switch (type(column)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      return real(column);
    case SQLITE_TEXT:
      return decode_non_finite(text(column)).value_or(std::numeric_limits<double>::quiet_NaN());
    default:
      return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace runner::results::report
