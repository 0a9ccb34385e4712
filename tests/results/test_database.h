// Helpers for the results tests: a temporary folder per test, and direct SQLite access to check the
// rows that the store wrote without going through the store.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/records.h"

namespace runner::results::testing {

// A fresh folder under the system temp folder, named after the running test and removed afterwards.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::temp_directory_path() /
            ("runner_results_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path file(const std::string& name) const { return root_ / name; }

 private:
  std::filesystem::path root_;
};

// A separate connection to a database file, for reading back rows and for setting up files that the
// store must reject. Every failure throws std::runtime_error with the SQLite message.
class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& path) {
    if (sqlite3_open(path.string().c_str(), &db_) != SQLITE_OK) fail("open " + path.string());
  }
  ~RawDatabase() { sqlite3_close_v2(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  void execute(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }

  // Returns every row of a query, each column as text, with nullopt for NULL.
  std::vector<std::vector<std::optional<std::string>>> rows(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) fail(sql);

    std::vector<std::vector<std::optional<std::string>>> result;
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::optional<std::string>> row;
      for (int column = 0; column < sqlite3_column_count(statement); ++column) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        row.push_back(text ? std::optional<std::string>(text) : std::nullopt);
      }
      result.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    if (code != SQLITE_DONE) fail(sql);
    return result;
  }

  // Returns the only column of the only row of a query, "NULL" for NULL.
  std::string text(const std::string& sql) {
    const auto result = rows(sql);
    if (result.size() != 1 || result[0].size() != 1) {
      throw std::runtime_error("expected one value from: " + sql);
    }
    return result[0][0].value_or("NULL");
  }

  int64_t integer(const std::string& sql) { return std::stoll(text(sql)); }

  sqlite3* handle() const { return db_; }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
};

// A run record with a distinct value in every field, so a test can tell the columns apart.
inline RunRecord sample_run(const std::string& experiment = "mnist_mlp") {
  RunRecord run;
  run.experiment = experiment;
  run.config_file = "configs/" + experiment + ".yaml";
  run.config_json = R"({"epochs":3,"seed":7})";
  run.seed = 7;
  run.device = "cuda:0";
  run.device_name = "NVIDIA H200";
  run.host = "node-17";
  run.torch_version = "2.3.1";
  run.runner_version = "0.1.0";
  run.git_commit = "abc1234-dirty";
  run.blas = "OpenBLAS 0.3.21";
  run.threads = 16;
  run.parameter_count = 109386;
  run.labels_changed = 600;
  return run;
}

// UTC ISO 8601 with milliseconds, as the store writes timestamps.
inline constexpr const char* kTimestampPattern = R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)";

}  // namespace runner::results::testing
