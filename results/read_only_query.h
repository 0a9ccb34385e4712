// One read-only SQL statement against a results database, for `runner query`.
//
// The file is opened with SQLITE_OPEN_READONLY and the URI parameter mode=ro, and an authorizer
// rejects everything but reading: writes, schema changes, transactions, ATTACH and DETACH, and
// PRAGMAs that set a value. In WAL mode the reader does not block a running writer, and the writer
// does not block the reader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace runner::results {

// One value of a result row, with the storage class SQLite returned.
struct QueryCell {
  enum class Kind { kNull, kInteger, kReal, kText, kBlob };

  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0.0;
  std::string text;  // the text, or the bytes of a blob
};

// The column names and every row of a query, in the order SQLite returned them.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<QueryCell>> rows;
};

// A query that did not run. is_usage_error() is true when the database path or the SQL text is at
// fault (a missing file, invalid SQL, a statement that writes), and false when reading failed.
class QueryError : public std::runtime_error {
 public:
  QueryError(const std::string& message, bool usage_error) : std::runtime_error(message), usage_error_(usage_error) {}

  bool is_usage_error() const { return usage_error_; }

 private:
  bool usage_error_;
};

// Runs exactly one read-only statement and returns all its rows. Throws QueryError when the file
// is missing (it is never created), when the text contains no statement or more than one, when
// the statement is invalid SQL or would change anything, and when reading fails.
// NOTE: every row is held in memory, which suits the result sizes of this database's queries.
QueryResult run_read_only_query(const std::filesystem::path& database, const std::string& sql);

}  // namespace runner::results
