// Small RAII wrappers over the SQLite3 C API: a connection, a prepared statement and a transaction.
// Every failure throws StoreError with the database path, the step and sqlite3_errmsg.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace runner::results {

// An open database connection, closed on destruction.
class Connection {
 public:
  // Opens or creates the file. busy_timeout is how long a statement waits for another connection's
  // lock before it fails with SQLITE_BUSY.
  Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }
  std::chrono::milliseconds busy_timeout() const { return busy_timeout_; }

  // Runs SQL that returns no rows. The text may contain several statements.
  void execute(const std::string& sql, const std::string& step) const;

  // Runs a query that returns one integer, e.g. PRAGMA user_version.
  int64_t query_int64(const std::string& sql, const std::string& step) const;

  // Rows that the last INSERT, UPDATE or DELETE on this connection changed.
  int64_t changes() const { return sqlite3_changes(db_); }

  // Throws StoreError for the last error on this connection.
  [[noreturn]] void throw_last_error(const std::string& step) const;

 private:
  std::filesystem::path path_;
  std::chrono::milliseconds busy_timeout_;
  sqlite3* db_ = nullptr;
};

// A prepared statement, finalized on destruction. Parameter and column indices follow SQLite:
// bind indices start at 1, column indices at 0.
class Statement {
 public:
  Statement(const Connection& connection, const std::string& sql, std::string step);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind_int64(int index, int64_t value);
  void bind_double(int index, double value);  // SQLite stores a bound NaN as NULL
  void bind_text(int index, const std::string& text);
  void bind_null(int index);
  void bind_optional_int64(int index, const std::optional<int64_t>& value);  // nullopt binds NULL

  // Advances to the next row. Returns false when the statement has finished.
  bool step();

  // Makes the statement ready to run again with new bindings.
  void reset();

  int column_type(int column) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
  int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::optional<int64_t> column_optional_int64(int column) const;     // nullopt for NULL
  std::optional<std::string> column_optional_text(int column) const;  // nullopt for NULL

 private:
  void check_bind(int result_code);

  const Connection& connection_;
  std::string step_;
  sqlite3_stmt* statement_ = nullptr;
};

// A write transaction started with BEGIN IMMEDIATE, so that it takes the write lock at once
// (waiting up to the busy timeout) rather than failing with SQLITE_BUSY halfway through.
// It rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  Transaction(const Connection& connection, const std::string& step);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  const Connection& connection_;
  std::string step_;
  bool open_ = true;
};

// Returns advice for the user about an SQLite result code, or "" when there is no clear advice.
std::string hint_for_sqlite_error(int result_code);

}  // namespace runner::results
