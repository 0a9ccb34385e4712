#include "results/sqlite.h"

#include <fmt/format.h>

#include <utility>

#include "results/store_error.h"

namespace runner::results {

std::string hint_for_sqlite_error(int result_code) {
  // Extended codes first: a constraint failure has a clear cause only for some constraints.
  switch (result_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
      return "a run records each metric once per epoch, and this run already has this epoch";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return "the run id does not exist. Use the id that begin_run returned";
    default:
      break;
  }

  switch (result_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "another connection kept the database locked for longer than the busy timeout. Is another "
             "program holding an exclusive lock?";
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return "check that the folder exists and is writable, and that the file is writable";
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return "the file is not an SQLite database or is damaged, so set results.database in the config to "
             "another file";
    case SQLITE_FULL:
      return "the disk is full. Free space, or set results.database in the config to a file on another disk";
    case SQLITE_IOERR:
      return "the operating system reported an I/O error. Check the disk, and keep the database on a "
             "local file system because WAL mode needs shared memory";
    default:
      return "";
  }
}

Connection::Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout)
    : path_(path), busy_timeout_(busy_timeout) {
  const int result = sqlite3_open_v2(path.string().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (result != SQLITE_OK) {
    // sqlite3_open_v2 returns a handle even on failure, so that the message can be read.
    const std::string cause = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(result);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(path_, "opening the file", cause, hint_for_sqlite_error(result), result);
  }

  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::execute(const std::string& sql, const std::string& step) const {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) throw_last_error(step);
}

int64_t Connection::query_int64(const std::string& sql, const std::string& step) const {
  Statement statement(*this, sql, step);
  if (!statement.step()) {
    throw StoreError(path_, step, "the query returned no row");
  }
  return statement.column_int64(0);
}

void Connection::throw_last_error(const std::string& step) const {
  const int code = sqlite3_extended_errcode(db_);
  throw StoreError(path_, step, sqlite3_errmsg(db_), hint_for_sqlite_error(code), code);
}

Statement::Statement(const Connection& connection, const std::string& sql, std::string step)
    : connection_(connection), step_(std::move(step)) {
  const int result =
      sqlite3_prepare_v2(connection_.handle(), sql.c_str(), static_cast<int>(sql.size()), &statement_, nullptr);
  if (result != SQLITE_OK) connection_.throw_last_error(step_);
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::bind_int64(int index, int64_t value) { check_bind(sqlite3_bind_int64(statement_, index, value)); }

void Statement::bind_double(int index, double value) { check_bind(sqlite3_bind_double(statement_, index, value)); }

void Statement::bind_text(int index, const std::string& text) {
  check_bind(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
}

void Statement::bind_null(int index) { check_bind(sqlite3_bind_null(statement_, index)); }

void Statement::bind_optional_int64(int index, const std::optional<int64_t>& value) {
  if (value) {
    bind_int64(index, *value);
  } else {
    bind_null(index);
  }
}

void Statement::check_bind(int result_code) {
  if (result_code != SQLITE_OK) connection_.throw_last_error(step_);
}

bool Statement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  connection_.throw_last_error(step_);
}

void Statement::reset() {
  // sqlite3_reset repeats the error of the last step, which step() has already reported.
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int Statement::column_type(int column) const { return sqlite3_column_type(statement_, column); }

int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  const int size = sqlite3_column_bytes(statement_, column);
  return text ? std::string(text, static_cast<size_t>(size)) : std::string();
}

std::optional<int64_t> Statement::column_optional_int64(int column) const {
  if (column_type(column) == SQLITE_NULL) return std::nullopt;
  return column_int64(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_type(column) == SQLITE_NULL) return std::nullopt;
  return column_text(column);
}

Transaction::Transaction(const Connection& connection, const std::string& step) : connection_(connection), step_(step) {
  connection_.execute("BEGIN IMMEDIATE", step_ + " (starting the transaction)");
}

Transaction::~Transaction() {
  if (!open_) return;

  // A destructor must not throw, so a failed ROLLBACK is ignored. The usual cause is that SQLite has
  // already rolled the transaction back itself, e.g. after SQLITE_FULL.
  sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  connection_.execute("COMMIT", step_ + " (committing the transaction)");
  open_ = false;
}

}  // namespace runner::results
