// Six worker processes start at the same instant on a new database file, open one sweep and claim
// its trials until none is left, while a seventh process reads the file. No trial may be claimed
// twice, and no process may see "database is locked".
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "results/store.h"
#include "results/trials.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::TempFolder;

constexpr int kWorkers = 6;
constexpr int kTrials = 48;
constexpr std::chrono::seconds kStaleAfter{600};
constexpr std::chrono::seconds kReaderLimit{60};

SweepDefinition sweep_definition() {
  SweepDefinition definition{"concurrency", "configs/concurrency.yaml", "hash-1", "{}", {}};
  for (int i = 0; i < kTrials; ++i) {
    definition.points.push_back({i, "config-" + std::to_string(i), "seed: " + std::to_string(i), "{}"});
  }
  return definition;
}

// Blocks until the parent closes the write end of the pipe, so that every child starts at once.
void wait_for_start(int start_pipe[2]) {
  ::close(start_pipe[1]);
  char byte = 0;
  while (::read(start_pipe[0], &byte, 1) > 0) {
  }
  ::close(start_pipe[0]);
}

// A worker: opens the store, opens the sweep, and claims and finishes trials until none is left,
// writing the id of every trial it claimed to `claims_file`.
[[noreturn]] void run_worker(const std::filesystem::path& database, const std::filesystem::path& claims_file,
                             int worker, int start_pipe[2]) {
  wait_for_start(start_pipe);
  int code = 0;
  try {
    ResultsStore store(database);
    const int64_t sweep = open_sweep(store, sweep_definition(), SweepOpenMode::kResume).sweep_id;
    std::ofstream claims(claims_file);
    const std::string name = "worker-" + std::to_string(worker);
    while (const auto trial = claim_trial(store, sweep, name, 0, 1, kStaleAfter)) {
      claims << trial->id << ' ' << trial->attempts << '\n';
      finish_trial(store, trial->id, RunStatus::kCompleted);
    }
  } catch (const std::exception& error) {
    fprintf(stderr, "worker %d: %s\n", worker, error.what());
    code = 1;
  }
  ::_exit(code);
}

// A reader: polls the count of completed trials until all are done. Exits with 0 when the count
// never went down and reached kTrials, 2 when it went down, and 3 on a timeout. Errors while the
// schema does not exist yet are expected and skipped.
[[noreturn]] void run_reader(const std::filesystem::path& database, int start_pipe[2]) {
  wait_for_start(start_pipe);
  const auto deadline = std::chrono::steady_clock::now() + kReaderLimit;
  int64_t last = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_busy_timeout(db, 1000);
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v2(db, "SELECT count(*) FROM trials WHERE status = 'completed'", -1, &statement, nullptr) ==
              SQLITE_OK &&
          sqlite3_step(statement) == SQLITE_ROW) {
        const int64_t completed = sqlite3_column_int64(statement, 0);
        if (completed < last) ::_exit(2);
        last = completed;
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close_v2(db);
    if (last == kTrials) ::_exit(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::_exit(3);
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST(TrialClaims, SixProcessesClaimEachTrialOnce) {
  TempFolder folder;
  const auto database = folder.file("sweep.db");
  int start_pipe[2];
  ASSERT_EQ(::pipe(start_pipe), 0);

  std::vector<pid_t> workers;
  for (int worker = 0; worker < kWorkers; ++worker) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) run_worker(database, folder.file("claims-" + std::to_string(worker)), worker, start_pipe);
    workers.push_back(pid);
  }
  const pid_t reader = ::fork();
  ASSERT_GE(reader, 0) << "fork failed";
  if (reader == 0) run_reader(database, start_pipe);

  ::close(start_pipe[0]);
  ::close(start_pipe[1]);  // starts every child
  for (pid_t pid : workers) EXPECT_EQ(wait_exit_code(pid), 0) << "worker " << pid;
  EXPECT_EQ(wait_exit_code(reader), 0) << "reader: 2 means the count went down, 3 a timeout";

  // Every trial id appears in exactly one worker's claims, on its first attempt.
  std::map<int64_t, int> claims_per_trial;
  int workers_with_claims = 0;
  for (int worker = 0; worker < kWorkers; ++worker) {
    std::ifstream claims(folder.file("claims-" + std::to_string(worker)));
    int64_t id = 0;
    int64_t attempts = 0;
    bool claimed_any = false;
    while (claims >> id >> attempts) {
      ++claims_per_trial[id];
      EXPECT_EQ(attempts, 1) << "trial " << id;
      claimed_any = true;
    }
    workers_with_claims += claimed_any ? 1 : 0;
  }
  EXPECT_EQ(claims_per_trial.size(), static_cast<size_t>(kTrials));
  for (const auto& [id, count] : claims_per_trial) EXPECT_EQ(count, 1) << "trial " << id << " claimed more than once";

  RawDatabase raw(database);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sweeps"), 1) << "the first worker creates the sweep, the rest reuse it";
  EXPECT_EQ(raw.integer("SELECT count(*) FROM trials WHERE status = 'completed' AND attempts = 1"), kTrials);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM trials"), kTrials);
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
  // Informational: how the work spread over the workers. One fast worker may take every trial.
  std::cout << "workers that claimed at least one trial: " << workers_with_claims << " of " << kWorkers << "\n";
}

}  // namespace
}  // namespace runner::results
