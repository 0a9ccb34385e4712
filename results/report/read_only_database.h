// A read-only connection to a results database for the report, and queries on it.
//
// results/sqlite.h opens files for writing and creates them when missing. The report must do neither:
// it opens with SQLITE_OPEN_READONLY, so that it never creates a file, never takes the write lock, and
// reads a WAL-mode database while runs keep writing to it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace runner::results::report {

class ReadOnlyDatabase {
 public:
  // Throws ReportError when the file does not exist or is not a runner results database, and
  // StoreError when SQLite cannot read it.
  explicit ReadOnlyDatabase(const std::filesystem::path& path);
  ~ReadOnlyDatabase();
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // PRAGMA user_version: 1 for a database without sweeps, 2 from the sweeps schema on.
  int64_t schema_version() const { return schema_version_; }

  // True when the database has a table or view of this name.
  bool has_table(const std::string& name) const;

  // Throws StoreError for the last error on this connection.
  [[noreturn]] void throw_last_error(const std::string& step) const;

 private:
  void check_schema();

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  int64_t schema_version_ = 0;
};

// A prepared query. Parameters are numbered from 1 and columns from 0, as in SQLite.
class Query {
 public:
  Query(const ReadOnlyDatabase& database, const std::string& sql, std::string step);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  void bind(int index, int64_t value);
  void bind(int index, const std::string& value);

  // Advances to the next row. Returns false when there are no more rows.
  bool next();

  int type(int column) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
  bool is_null(int column) const { return type(column) == SQLITE_NULL; }
  int64_t integer(int column) const;
  std::optional<int64_t> optional_integer(int column) const;
  double real(int column) const;
  std::optional<double> optional_real(int column) const;
  std::string text(int column) const;  // "" for NULL

  // A metric value: a number as stored, or the double for the text 'NaN', 'Infinity' or '-Infinity'
  // that the store writes for non-finite values. Any other text and NULL read as NaN.
  double metric(int column) const;

 private:
  const ReadOnlyDatabase& database_;
  std::string step_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace runner::results::report
