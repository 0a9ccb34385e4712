// The error type of the results store.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace runner::results {

// A failed operation on the results database. The message reads "results database PATH: STEP: CAUSE",
// where CAUSE is sqlite3_errmsg when SQLite reported the failure. A "hint:" line follows when the fix
// is clear. sqlite_code() is the extended SQLite result code, or 0 when SQLite did not report the failure.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::filesystem::path& database, const std::string& step, const std::string& cause,
             const std::string& hint = "", int sqlite_code = 0);

  int sqlite_code() const { return sqlite_code_; }

 private:
  int sqlite_code_ = 0;
};

}  // namespace runner::results
