// Helpers for the text-driver tests: a temporary folder per test, a slice of the King James text as a
// corpus file, a config written to a file and run in this process, and reading back what it stored.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "embedding_test_corpus.h"
#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/sqlite.h"
#include "results/store.h"
#include "runner/language/text_experiment.h"

namespace runner::language::testing {

// A fresh folder under the system temp folder, named after the running test and removed afterwards.
class TestFolder {
 public:
  TestFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string test = info != nullptr ? std::string(info->test_suite_name()) + "_" + info->name() : "suite";
    root_ = std::filesystem::temp_directory_path() / fmt::format("runner_text_{}_{}", test, ::getpid());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TestFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TestFolder(const TestFolder&) = delete;
  TestFolder& operator=(const TestFolder&) = delete;

  std::filesystem::path file(const std::string& name) const { return root_ / name; }

 private:
  std::filesystem::path root_;
};

// Writes the verses `first`..`last` as printed by `bible -f` (each line starts with its reference,
// which kKjvData removes) to `file`. Returns false, failing the test, when `bible` is missing.
inline bool write_kjv(const std::filesystem::path& file, const std::string& first, const std::string& last) {
  const std::string text = kjv_verses(first, last);
  if (text.empty()) {
    ADD_FAILURE() << "`bible` printed nothing: install Debian's bible-kjv (scripts/setup.sh does)";
    return false;
  }
  std::ofstream(file) << text;
  return true;
}

// The data section for a file written by write_kjv, as YAML flow-mapping keys after `corpus`.
inline constexpr const char* kKjvData = R"(remove: ['^\S+ '], lowercase: true, min_count: 2, held_out: 0.1)";

inline void write_file(const std::filesystem::path& file, const std::string& text) { std::ofstream(file) << text; }

// Writes `yaml` to `file` and runs it as `runner FILE -q` does, in this process.
inline train::RunOutcome run_config(const std::filesystem::path& file, const std::string& yaml) {
  write_file(file, yaml);
  train::RunOptions options;
  options.config_file = file;
  options.quiet = true;
  return run_text_experiment(options);
}

// One integer from a query on the database, e.g. a row count.
inline int64_t query_int(const std::filesystem::path& database, const std::string& sql) {
  const results::Connection connection(database, std::chrono::milliseconds(2000));
  return connection.query_int64(sql, "test query");
}

// The value of metric `name` in the last epoch that run `run_id` recorded; NaN when it has none.
inline double final_metric(const std::filesystem::path& database, int64_t run_id, const std::string& name) {
  results::ResultsStore store(database);
  double value = std::nan("");
  int64_t epoch = -1;
  for (const results::MetricRow& row : store.metrics(run_id)) {
    if (row.name == name && row.epoch > epoch) {
      value = row.value;
      epoch = row.epoch;
    }
  }
  return value;
}

inline results::StoredRun stored_run(const std::filesystem::path& database, int64_t run_id) {
  results::ResultsStore store(database);
  const auto run = results::find_run(store, run_id);
  if (!run) throw std::runtime_error(fmt::format("run {} not found in {}", run_id, database.string()));
  return *run;
}

inline std::filesystem::path stored_file(const std::filesystem::path& database, int64_t run_id,
                                         const std::string& name) {
  results::ResultsStore store(database);
  return results::find_run_file(store, run_id, name).value_or(std::filesystem::path());
}

}  // namespace runner::language::testing
