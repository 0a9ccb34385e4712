#include "results/store.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <thread>

#include "results/busy_retry.h"
#include "results/metric_rows.h"
#include "results/metric_value.h"
#include "results/schema.h"
#include "results/sqlite.h"
#include "results/timestamps.h"

namespace runner::results {

namespace {

constexpr std::chrono::milliseconds kWalRetryInterval{10};

void create_parent_folders(const std::filesystem::path& database) {
  const std::filesystem::path folder = database.parent_path();
  if (folder.empty()) return;

  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw StoreError(database, "creating the folder " + folder.string(), error.message(),
                     "the folder is not writable, or a file exists where a folder is expected");
  }
}

// Switches the file to WAL mode, which persists in the file. SQLite returns SQLITE_BUSY without calling
// the busy handler when waiting could deadlock, which happens when another process is creating the
// schema of a new file at the same moment, so this function retries until the busy timeout passes.
void enable_wal(const Connection& connection) {
  const std::string step = "switching to WAL mode";
  const auto deadline = std::chrono::steady_clock::now() + connection.busy_timeout();
  const auto store_mode = [](void* mode, int, char** values, char**) {
    *static_cast<std::string*>(mode) = values[0] ? values[0] : "";
    return 0;
  };

  std::string mode;
  while (true) {
    const int code = sqlite3_exec(connection.handle(), "PRAGMA journal_mode = WAL", store_mode, &mode, nullptr);
    if (code == SQLITE_OK) break;
    if ((code & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) {
      connection.throw_last_error(step);
    }
    std::this_thread::sleep_for(kWalRetryInterval);
  }

  // SQLite reports the mode it ended up in instead of an error when it cannot use WAL.
  if (mode != "wal") {
    throw StoreError(connection.path(), step, "SQLite kept journal mode '" + mode + "'",
                     "WAL mode needs a local file system with shared memory, so move the database "
                     "off network and in-memory file systems");
  }
}

double read_metric_value(const Connection& connection, const std::string& step, const Statement& statement,
                         int column) {
  if (statement.column_type(column) != SQLITE_TEXT) return statement.column_double(column);

  const std::string text = statement.column_text(column);
  const std::optional<double> value = decode_non_finite(text);
  if (!value) {
    throw StoreError(connection.path(), step, "metrics.value contains the text '" + text + "'",
                     "only numbers, 'NaN', 'Infinity' and '-Infinity' are valid; fix the row by hand");
  }
  return *value;
}

// Explains why finish_run changed no row: the run does not exist or has already finished.
[[noreturn]] void throw_unfinishable_run(const Connection& connection, const std::string& step, int64_t run_id) {
  Statement select(connection, "SELECT status FROM runs WHERE id = ?", step);
  select.bind_int64(1, run_id);
  if (!select.step()) {
    throw StoreError(connection.path(), step, fmt::format("run {} not found", run_id),
                     "use the id that begin_run returned");
  }
  throw StoreError(connection.path(), step,
                   fmt::format("run {} has already finished with status {}", run_id, select.column_text(0)),
                   "finish a run only once");
}

}  // namespace

ResultsStore::ResultsStore(const std::filesystem::path& database, std::chrono::milliseconds busy_timeout) {
  create_parent_folders(database);
  connection_ = std::make_unique<Connection>(database, busy_timeout);

  // foreign_keys is off by default and applies per connection, so every open sets it.
  connection_->execute("PRAGMA foreign_keys = ON", "enabling foreign keys");
  retry_while_busy(*connection_, [&] { ensure_schema(*connection_); });
  enable_wal(*connection_);
}

ResultsStore::~ResultsStore() = default;

std::filesystem::path ResultsStore::path() const { return connection_->path(); }

int64_t ResultsStore::begin_run(const RunRecord& run) {
  const std::string step = "inserting the run of experiment '" + run.experiment + "'";
  return retry_while_busy(*connection_, [&] {
    Statement insert(*connection_,
                     "INSERT INTO runs (experiment, config_file, config_json, seed, device, device_name, status, "
                     "host, torch_version, runner_version, git_commit, blas, threads, parameter_count, "
                     "labels_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     step);
    insert.bind_text(1, run.experiment);
    insert.bind_text(2, run.config_file);
    insert.bind_text(3, run.config_json);
    insert.bind_int64(4, run.seed);
    insert.bind_text(5, run.device);
    insert.bind_text(6, run.device_name);
    insert.bind_text(7, to_string(RunStatus::kRunning));
    insert.bind_text(8, run.host);
    insert.bind_text(9, run.torch_version);
    insert.bind_text(10, run.runner_version);
    insert.bind_text(11, run.git_commit);
    insert.bind_text(12, run.blas);
    insert.bind_int64(13, run.threads);
    insert.bind_int64(14, run.parameter_count);
    insert.bind_int64(15, run.labels_changed);
    insert.step();

    return sqlite3_last_insert_rowid(connection_->handle());
  });
}

void ResultsStore::log_epoch(int64_t run_id, int64_t epoch,
                             const std::vector<std::pair<std::string, double>>& metrics) {
  const std::string step = fmt::format("writing the metrics of epoch {} of run {}", epoch, run_id);
  check_metric_names(*connection_, step, metrics);
  if (metrics.empty()) return;

  retry_while_busy(*connection_, [&] {
    Transaction transaction(*connection_, step);
    Statement insert(*connection_, "INSERT INTO metrics (run_id, epoch, name, value) VALUES (?, ?, ?, ?)", step);
    for (const auto& [name, value] : metrics) {
      insert.bind_int64(1, run_id);
      insert.bind_int64(2, epoch);
      insert.bind_text(3, name);
      bind_metric_value(insert, 4, value);
      insert.step();
      insert.reset();
    }
    transaction.commit();
  });
}

void ResultsStore::finish_run(int64_t run_id, RunStatus status, const std::string& error) {
  const std::string step = fmt::format("finishing run {} as {}", run_id, to_string(status));
  if (status == RunStatus::kRunning) {
    throw StoreError(connection_->path(), step, "running is not a final status",
                     "pass completed, failed, interrupted or diverged");
  }

  retry_while_busy(*connection_, [&] {
    Statement update(*connection_,
                     fmt::format("UPDATE runs SET status = ?, ended_at = {}, error = ? "
                                 "WHERE id = ? AND status = 'running'",
                                 kUtcNowSql),
                     step);
    update.bind_text(1, to_string(status));
    if (error.empty()) {
      update.bind_null(2);
    } else {
      update.bind_text(2, error);
    }
    update.bind_int64(3, run_id);
    update.step();
  });

  if (sqlite3_changes(connection_->handle()) == 0) throw_unfinishable_run(*connection_, step, run_id);
}

std::vector<MetricRow> ResultsStore::metrics(int64_t run_id) const {
  const std::string step = fmt::format("reading the metrics of run {}", run_id);
  Statement select(*connection_, "SELECT epoch, name, value FROM metrics WHERE run_id = ? ORDER BY epoch, name", step);
  select.bind_int64(1, run_id);

  std::vector<MetricRow> rows;
  while (select.step()) {
    MetricRow row;
    row.run_id = run_id;
    row.epoch = select.column_int64(0);
    row.name = select.column_text(1);
    row.value = read_metric_value(*connection_, step, select, 2);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace runner::results
