// open_sweep modes, claim order and shards, stale trials, heartbeats, attach_run and finish_trial.
#include "results/trials.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "results/run_lookup.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

constexpr std::chrono::seconds kStaleAfter{60};

// A sweep of `points` widths, with a hash that changes with the name of the definition.
SweepDefinition widths_sweep(int points, const std::string& hash = "hash-a") {
  SweepDefinition definition{"widths", "configs/widths.yaml", hash, R"({"grid":{"model.width":[8,16]}})", {}};
  for (int i = 0; i < points; ++i) {
    const std::string width = std::to_string(8 << i);
    definition.points.push_back(
        {i, "config-" + width, "model:\n  width: " + width + "\n", R"({"model.width":)" + width + "}"});
  }
  return definition;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const StoreError& error) {
    return error.what();
  }
  return "";
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "expected \"" << part << "\" in:\n" << message;
}

// Claims every trial of the sweep one by one and finishes each with the status that `status_of`
// gives its point index.
void run_all(ResultsStore& store, int64_t sweep_id, const std::function<RunStatus(int64_t)>& status_of) {
  while (auto trial = claim_trial(store, sweep_id, "worker-a", 0, 1, kStaleAfter)) {
    finish_trial(store, trial->id, status_of(trial->point_index));
  }
}

TEST(OpenSweep, CreatesPendingTrials) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  const SweepHandle handle = open_sweep(store, widths_sweep(3), SweepOpenMode::kResume);

  EXPECT_TRUE(handle.created);
  EXPECT_EQ(handle.counts.pending, 3);
  EXPECT_EQ(handle.counts.total(), 3);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT name || ' ' || config_file || ' ' || definition_hash FROM sweeps"),
            "widths configs/widths.yaml hash-a");
  EXPECT_EQ(raw.text("SELECT group_concat(point_index || ':' || config_hash || ':' || params_json, ' ') "
                     "FROM (SELECT * FROM trials ORDER BY point_index)"),
            R"(0:config-8:{"model.width":8} 1:config-16:{"model.width":16} 2:config-32:{"model.width":32})");
  EXPECT_EQ(raw.integer("SELECT sum(attempts) FROM trials"), 0);
}

TEST(OpenSweep, ResumeKeepsCompletedResetsFailed) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(4), SweepOpenMode::kResume).sweep_id;
  run_all(store, sweep, [](int64_t point) {
    const RunStatus statuses[] = {RunStatus::kCompleted, RunStatus::kFailed, RunStatus::kInterrupted,
                                  RunStatus::kDiverged};
    return statuses[point];
  });

  const SweepHandle handle = open_sweep(store, widths_sweep(4), SweepOpenMode::kResume);

  EXPECT_FALSE(handle.created);
  EXPECT_EQ(handle.sweep_id, sweep);
  EXPECT_EQ(handle.counts.completed, 1);
  EXPECT_EQ(handle.counts.pending, 3);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sweeps"), 1);
  EXPECT_EQ(raw.text("SELECT status FROM trials WHERE point_index = 0"), "completed");

  // Only the three reset trials are claimed again, and their attempts keep counting.
  std::vector<int64_t> claimed;
  while (auto trial = claim_trial(store, sweep, "worker-b", 0, 1, kStaleAfter)) {
    claimed.push_back(trial->point_index);
    EXPECT_EQ(trial->attempts, 2);
    finish_trial(store, trial->id, RunStatus::kCompleted);
  }
  EXPECT_EQ(claimed, (std::vector<int64_t>{1, 2, 3}));
}

TEST(OpenSweep, ForceResetsAll) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(3), SweepOpenMode::kResume).sweep_id;
  run_all(store, sweep, [](int64_t) { return RunStatus::kCompleted; });

  const SweepHandle handle = open_sweep(store, widths_sweep(3), SweepOpenMode::kForce);

  EXPECT_EQ(handle.sweep_id, sweep);
  EXPECT_EQ(handle.counts.pending, 3);
  EXPECT_EQ(handle.counts.completed, 0);
}

TEST(OpenSweep, ChangedDefinitionRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(2, "hash-a"), SweepOpenMode::kResume).sweep_id;

  for (SweepOpenMode mode : {SweepOpenMode::kResume, SweepOpenMode::kForce}) {
    const std::string message = error_of([&] { open_sweep(store, widths_sweep(3, "hash-b"), mode); });
    expect_contains(message, "the sweep definition changed");
    expect_contains(message, "sweep " + std::to_string(sweep) + ", created 20");
    expect_contains(message, "definition hash hash-a");
    expect_contains(message, "the new definition (hash hash-b) has never been run");
    expect_contains(message, "--new-sweep");
  }
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sweeps"), 1);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM trials"), 2) << "a rejected open writes nothing";
}

TEST(OpenSweep, NewCreatesAnotherSweep) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t first = open_sweep(store, widths_sweep(2, "hash-a"), SweepOpenMode::kResume).sweep_id;

  const SweepHandle second = open_sweep(store, widths_sweep(3, "hash-b"), SweepOpenMode::kNew);

  EXPECT_TRUE(second.created);
  EXPECT_GT(second.sweep_id, first);
  EXPECT_EQ(second.counts.pending, 3);

  // The latest sweep of the name is now the new one, and a changed message names both creation times.
  const std::string message = error_of([&] { open_sweep(store, widths_sweep(2, "hash-a"), SweepOpenMode::kResume); });
  expect_contains(message, "sweep " + std::to_string(second.sweep_id) + ", created 20");
  expect_contains(message, "was last used by sweep " + std::to_string(first) + ", created 20");
  EXPECT_EQ(open_sweep(store, widths_sweep(3, "hash-b"), SweepOpenMode::kResume).sweep_id, second.sweep_id);
}

TEST(OpenSweep, RepeatedPointsRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  SweepDefinition definition = widths_sweep(2);
  definition.points[1].config_hash = definition.points[0].config_hash;

  const std::string message = error_of([&] { open_sweep(store, definition, SweepOpenMode::kResume); });
  expect_contains(message, "two points have the config hash config-8");

  definition = widths_sweep(2);
  definition.points[1].point_index = 0;
  expect_contains(error_of([&] { open_sweep(store, definition, SweepOpenMode::kResume); }),
                  "two points have the point_index 0");
}

TEST(ClaimTrial, LowestPointFirst) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(3), SweepOpenMode::kResume).sweep_id;

  const auto first = claim_trial(store, sweep, "worker-a", 0, 1, kStaleAfter);
  const auto second = claim_trial(store, sweep, "worker-b", 0, 1, kStaleAfter);

  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->point_index, 0);
  EXPECT_EQ(first->config_yaml, "model:\n  width: 8\n");
  EXPECT_EQ(first->params_json, R"({"model.width":8})");
  EXPECT_EQ(first->attempts, 1);
  EXPECT_EQ(second->point_index, 1);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT status || ' ' || worker FROM trials WHERE id = " + std::to_string(first->id)),
            "running worker-a");
  EXPECT_EQ(raw.integer("SELECT claimed_at = heartbeat_at FROM trials WHERE id = " + std::to_string(first->id)), 1);
}

TEST(ClaimTrial, ShardsSplitPoints) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(5), SweepOpenMode::kResume).sweep_id;

  std::vector<int64_t> shard_one;
  while (auto trial = claim_trial(store, sweep, "worker-1", 1, 2, kStaleAfter)) shard_one.push_back(trial->point_index);
  std::vector<int64_t> shard_zero;
  while (auto trial = claim_trial(store, sweep, "worker-0", 0, 2, kStaleAfter))
    shard_zero.push_back(trial->point_index);

  EXPECT_EQ(shard_one, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(shard_zero, (std::vector<int64_t>{0, 2, 4}));
}

TEST(ClaimTrial, InvalidShardRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(2), SweepOpenMode::kResume).sweep_id;

  expect_contains(error_of([&] { claim_trial(store, sweep, "w", 2, 2, kStaleAfter); }), "invalid shard 2 of 2");
  expect_contains(error_of([&] { claim_trial(store, sweep, "w", 0, 0, kStaleAfter); }), "invalid shard 0 of 0");
}

TEST(ClaimTrial, StaleTrialReclaimed) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(1), SweepOpenMode::kResume).sweep_id;
  const auto dead = claim_trial(store, sweep, "worker-dead", 0, 1, kStaleAfter);
  ASSERT_TRUE(dead);

  EXPECT_EQ(claim_trial(store, sweep, "worker-live", 0, 1, kStaleAfter), std::nullopt)
      << "a trial with a recent heartbeat is not claimed again";

  {
    RawDatabase raw(store.path());
    raw.execute("UPDATE trials SET heartbeat_at = '2024-01-01T00:00:00.000Z'");
  }
  const auto reclaimed = claim_trial(store, sweep, "worker-live", 0, 1, kStaleAfter);

  ASSERT_TRUE(reclaimed);
  EXPECT_EQ(reclaimed->id, dead->id);
  EXPECT_EQ(reclaimed->attempts, 2);
  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT worker FROM trials"), "worker-live");
  EXPECT_GT(raw.text("SELECT heartbeat_at FROM trials"), "2024-01-01T00:00:00.000Z");
}

TEST(HeartbeatTrial, FalseAfterForceReset) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(1), SweepOpenMode::kResume).sweep_id;
  const auto trial = claim_trial(store, sweep, "worker-a", 0, 1, kStaleAfter);
  ASSERT_TRUE(trial);
  {
    RawDatabase raw(store.path());
    raw.execute("UPDATE trials SET heartbeat_at = '2024-01-01T00:00:00.000Z'");
  }

  EXPECT_TRUE(heartbeat_trial(store, trial->id));
  RawDatabase raw(store.path());
  EXPECT_GT(raw.text("SELECT heartbeat_at FROM trials"), "2024-01-01T00:00:00.000Z");

  open_sweep(store, widths_sweep(1), SweepOpenMode::kForce);
  EXPECT_FALSE(heartbeat_trial(store, trial->id));
  expect_contains(error_of([&] { heartbeat_trial(store, trial->id + 5); }),
                  "trial " + std::to_string(trial->id + 5) + " not found");
}

TEST(AttachRun, LinksBothWays) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(2), SweepOpenMode::kResume).sweep_id;
  const auto trial = claim_trial(store, sweep, "worker-a", 0, 1, kStaleAfter);
  ASSERT_TRUE(trial);
  const int64_t run = store.begin_run(sample_run());

  attach_run(store, trial->id, run);

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT run_id FROM trials WHERE id = " + std::to_string(trial->id)), run);
  EXPECT_EQ(find_run(store, run)->trial_id, trial->id);
  EXPECT_EQ(find_run(store, run)->sweep_id, sweep);
  expect_contains(error_of([&] { attach_run(store, trial->id, run + 1); }),
                  "run " + std::to_string(run + 1) + " not found");
}

TEST(FinishTrial, StoresStatusAndError) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = open_sweep(store, widths_sweep(2), SweepOpenMode::kResume).sweep_id;
  const auto failed = claim_trial(store, sweep, "worker-a", 0, 1, kStaleAfter);
  const auto completed = claim_trial(store, sweep, "worker-a", 0, 1, kStaleAfter);
  ASSERT_TRUE(failed);
  ASSERT_TRUE(completed);

  finish_trial(store, failed->id, RunStatus::kFailed, "config.yaml:3:5: model.width must be positive");
  finish_trial(store, completed->id, RunStatus::kCompleted);

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT status || ': ' || error FROM trials WHERE id = " + std::to_string(failed->id)),
            "failed: config.yaml:3:5: model.width must be positive");
  EXPECT_EQ(raw.text("SELECT error FROM trials WHERE id = " + std::to_string(completed->id)), "NULL");
  const TrialCounts counts = trial_counts(store, sweep);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.completed, 1);
  EXPECT_EQ(counts.total(), 2);
  expect_contains(error_of([&] { finish_trial(store, failed->id, RunStatus::kRunning); }),
                  "running is not a final status");
  expect_contains(error_of([&] { finish_trial(store, 99, RunStatus::kCompleted); }), "trial 99 not found");
}

}  // namespace
}  // namespace runner::results
