#include "results/read_only_query.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <cctype>
#include <memory>

namespace runner::results {

namespace {

// How long a read waits for a lock. In WAL mode a reader waits only while another connection
// recovers the WAL after a crash.
constexpr int kBusyTimeoutMilliseconds = 5000;

// PRAGMAs that take an argument but only read, such as PRAGMA table_info(runs). Any other PRAGMA
// with an argument sets a value, so the authorizer rejects it.
constexpr std::array<const char*, 9> kReadingPragmas = {"table_info",        "table_xinfo",     "index_list",
                                                        "index_info",        "index_xinfo",     "foreign_key_list",
                                                        "foreign_key_check", "integrity_check", "quick_check"};

std::string format_query_error(const std::filesystem::path& database, const std::string& cause,
                               const std::string& hint) {
  std::string text = fmt::format("query on results database {}: {}", database.string(), cause);
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

// Returns an SQLite URI for the file with mode=ro. The characters that a URI gives a meaning to are
// percent-encoded, so that any file name works.
std::string read_only_uri(const std::filesystem::path& database) {
  std::string uri = "file:";
  for (const unsigned char c : database.string()) {
    if (c == '%' || c == '?' || c == '#' || std::iscntrl(c) || c >= 0x80) {
      uri += fmt::format("%{:02X}", c);
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?mode=ro";
}

bool is_reading_pragma(const char* name) {
  for (const char* pragma : kReadingPragmas) {
    if (sqlite3_stricmp(name, pragma) == 0) return true;
  }
  return false;
}

// Describes an action that the authorizer rejects, for the error message.
std::string describe_action(int action, const char* first, const char* second) {
  const std::string object = first ? first : "";
  switch (action) {
    case SQLITE_INSERT:
      return "inserts into " + object;
    case SQLITE_UPDATE:
      return "updates " + object;
    case SQLITE_DELETE:
      return "deletes from " + object;
    case SQLITE_ATTACH:
      return "attaches the database " + object;
    case SQLITE_DETACH:
      return "detaches the database " + object;
    case SQLITE_PRAGMA:
      return fmt::format("sets PRAGMA {} to {}", object, second ? second : "");
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return "controls a transaction";
    case SQLITE_ALTER_TABLE:
      return "alters the table " + std::string(second ? second : "");
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_VTABLE:
      return "drops " + object;
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_VTABLE:
      return "creates " + object;
    default:
      return fmt::format("performs SQLite authorizer action {}", action);
  }
}

bool is_schema_table(const char* name) {
  return name != nullptr &&
         (sqlite3_stricmp(name, "sqlite_master") == 0 || sqlite3_stricmp(name, "sqlite_schema") == 0 ||
          sqlite3_stricmp(name, "sqlite_temp_master") == 0);
}

// The authorizer: allows reading tables and views, calling functions and reading PRAGMAs, and
// stores a description of the first rejected action in the string that `state` points to.
// Actions on the schema table pass, because SQLite checks them while it loads the schema and
// before the specific action of a DROP or CREATE, whose object name the message should show. A
// statement that writes the schema table directly still fails sqlite3_stmt_readonly.
int authorize_read_only(void* state, int action, const char* first, const char* second, const char*, const char*) {
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      if (second == nullptr || is_reading_pragma(first)) return SQLITE_OK;
      break;
    default:
      if (is_schema_table(first)) return SQLITE_OK;
      break;
  }

  auto& rejected = *static_cast<std::string*>(state);
  if (rejected.empty()) rejected = describe_action(action, first, second);
  return SQLITE_DENY;
}

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using ConnectionHandle = std::unique_ptr<sqlite3, ConnectionCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

ConnectionHandle open_read_only(const std::filesystem::path& database) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(database, error)) {
    throw QueryError(format_query_error(database, "the file does not exist",
                                        "pass the database with --db FILE; experiments write to results.database "
                                        "in their config, which is results/runs.db by default"),
                     true);
  }

  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(read_only_uri(database).c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  ConnectionHandle connection(raw);
  if (code != SQLITE_OK) {
    const std::string cause = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(code);
    throw QueryError(
        format_query_error(database, "opening the file read-only failed: " + cause, "check that the file is readable"),
        false);
  }
  sqlite3_busy_timeout(connection.get(), kBusyTimeoutMilliseconds);
  sqlite3_db_config(connection.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);

  return connection;
}

// Prepares the only statement of `sql` under the read-only authorizer.
StatementHandle prepare_single_statement(sqlite3* db, const std::filesystem::path& database, const std::string& sql) {
  std::string rejected;
  sqlite3_set_authorizer(db, authorize_read_only, &rejected);

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int code = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, &tail);
  StatementHandle statement(raw);
  if (!rejected.empty()) {
    throw QueryError(
        format_query_error(database, "runner query runs read-only statements only, but this statement " + rejected,
                           "change the database with the sqlite3 shell, after the runs that write to "
                           "it have finished"),
        true);
  }
  if (code != SQLITE_OK) {
    throw QueryError(format_query_error(database, fmt::format("invalid SQL: {}", sqlite3_errmsg(db)),
                                        "docs/results.md lists the tables, views and columns"),
                     true);
  }
  if (!statement) {
    throw QueryError(format_query_error(database, "the SQL text contains no statement",
                                        "pass one statement, e.g. \"SELECT * FROM run_summary\""),
                     true);
  }
  if (!sqlite3_stmt_readonly(statement.get())) {
    throw QueryError(format_query_error(database,
                                        "runner query runs read-only statements only, but this statement "
                                        "writes",
                                        "change the database with the sqlite3 shell"),
                     true);
  }

  // Only whitespace and comments may follow the statement, which prepare turns into no statement.
  sqlite3_stmt* next = nullptr;
  const std::string rest(tail);
  const int next_code = sqlite3_prepare_v2(db, rest.c_str(), static_cast<int>(rest.size()), &next, nullptr);
  StatementHandle next_statement(next);
  if (next_code != SQLITE_OK || next_statement || !rejected.empty()) {
    throw QueryError(format_query_error(database, "the SQL text contains more than one statement",
                                        "run one statement per runner query"),
                     true);
  }
  return statement;
}

QueryCell read_cell(sqlite3_stmt* statement, int column) {
  QueryCell cell;
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      cell.kind = QueryCell::Kind::kInteger;
      cell.integer = sqlite3_column_int64(statement, column);
      break;
    case SQLITE_FLOAT:
      cell.kind = QueryCell::Kind::kReal;
      cell.real = sqlite3_column_double(statement, column);
      break;
    case SQLITE_TEXT: {
      cell.kind = QueryCell::Kind::kText;
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      cell.text.assign(text, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
      break;
    }
    case SQLITE_BLOB: {
      cell.kind = QueryCell::Kind::kBlob;
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      cell.text.assign(bytes ? bytes : "", static_cast<size_t>(sqlite3_column_bytes(statement, column)));
      break;
    }
    default:
      break;
  }
  return cell;
}

}  // namespace

QueryResult run_read_only_query(const std::filesystem::path& database, const std::string& sql) {
  const ConnectionHandle connection = open_read_only(database);
  const StatementHandle statement = prepare_single_statement(connection.get(), database, sql);

  QueryResult result;
  const int column_count = sqlite3_column_count(statement.get());
  for (int column = 0; column < column_count; ++column) {
    result.columns.emplace_back(sqlite3_column_name(statement.get(), column));
  }

  int code = SQLITE_ROW;
  while ((code = sqlite3_step(statement.get())) == SQLITE_ROW) {
    std::vector<QueryCell> row;
    row.reserve(static_cast<size_t>(column_count));
    for (int column = 0; column < column_count; ++column) row.push_back(read_cell(statement.get(), column));
    result.rows.push_back(std::move(row));
  }
  if (code != SQLITE_DONE) {
    throw QueryError(
        format_query_error(database, fmt::format("reading the rows failed: {}", sqlite3_errmsg(connection.get())), ""),
        false);
  }
  return result;
}

}  // namespace runner::results
