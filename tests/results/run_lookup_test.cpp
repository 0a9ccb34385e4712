// find_run, set_run_links, heartbeats, stale runs, divergence and reopen_run.
#include "results/run_lookup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "results/metric_names.h"
#include "results/store.h"
#include "results/trials.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::kTimestampPattern;
using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const StoreError& error) {
    return error.what();
  }
  return "";
}

// Creates a sweep with two points and returns its id.
int64_t make_sweep(ResultsStore& store) {
  SweepDefinition definition{"widths", "configs/widths.yaml", "hash-a", "{}", {}};
  definition.points.push_back({0, "point-0", "seed: 1", R"({"model.width":32})"});
  definition.points.push_back({1, "point-1", "seed: 1", R"({"model.width":64})"});
  return open_sweep(store, definition, SweepOpenMode::kResume).sweep_id;
}

TEST(FindRun, ReadsEveryColumn) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.finish_run(id, RunStatus::kFailed, "out of memory");

  const std::optional<StoredRun> run = find_run(store, id);

  ASSERT_TRUE(run.has_value());
  const RunRecord expected = sample_run();
  EXPECT_EQ(run->id, id);
  EXPECT_EQ(run->experiment, expected.experiment);
  EXPECT_EQ(run->config_file, expected.config_file);
  EXPECT_EQ(run->config_json, expected.config_json);
  EXPECT_EQ(run->seed, expected.seed);
  EXPECT_EQ(run->device, expected.device);
  EXPECT_EQ(run->device_name, expected.device_name);
  EXPECT_EQ(run->status, RunStatus::kFailed);
  EXPECT_TRUE(std::regex_match(run->started_at, std::regex(kTimestampPattern))) << run->started_at;
  ASSERT_TRUE(run->ended_at.has_value());
  EXPECT_TRUE(std::regex_match(*run->ended_at, std::regex(kTimestampPattern))) << *run->ended_at;
  EXPECT_EQ(run->host, expected.host);
  EXPECT_EQ(run->torch_version, expected.torch_version);
  EXPECT_EQ(run->runner_version, expected.runner_version);
  EXPECT_EQ(run->git_commit, expected.git_commit);
  EXPECT_EQ(run->blas, expected.blas);
  EXPECT_EQ(run->threads, expected.threads);
  EXPECT_EQ(run->parameter_count, expected.parameter_count);
  EXPECT_EQ(run->labels_changed, expected.labels_changed);
  EXPECT_EQ(run->error, "out of memory");
  EXPECT_EQ(run->sweep_id, std::nullopt);
  EXPECT_EQ(run->trial_id, std::nullopt);
  EXPECT_EQ(run->rerun_of, std::nullopt);
  EXPECT_EQ(run->source_run, std::nullopt);
  EXPECT_EQ(run->task, std::nullopt);
  EXPECT_EQ(run->heartbeat_at, std::nullopt);
  EXPECT_EQ(run->pid, std::nullopt);
  EXPECT_EQ(run->resumed_count, 0);
  EXPECT_EQ(run->diverged_epoch, std::nullopt);
  EXPECT_EQ(run->diverged_step, std::nullopt);
}

TEST(FindRun, MissingRunIsNullopt) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  EXPECT_EQ(find_run(store, 3), std::nullopt);
}

TEST(SetRunLinks, WritesOnlySetFields) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t sweep = make_sweep(store);
  const int64_t original = store.begin_run(sample_run());
  const int64_t rerun = store.begin_run(sample_run());

  set_run_links(store, rerun, RunLinks{sweep, std::nullopt, original, std::nullopt, std::string("cbow")});
  set_run_links(store, rerun, RunLinks{std::nullopt, std::nullopt, std::nullopt, original, std::nullopt});

  const StoredRun run = find_run(store, rerun).value();
  EXPECT_EQ(run.sweep_id, sweep);
  EXPECT_EQ(run.trial_id, std::nullopt);
  EXPECT_EQ(run.rerun_of, original);
  EXPECT_EQ(run.source_run, original) << "the second call adds source_run";
  EXPECT_EQ(run.task, "cbow") << "the second call leaves task alone";
}

TEST(SetRunLinks, MissingTargetsRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t run = store.begin_run(sample_run());

  const std::string missing_run = error_of([&] { set_run_links(store, run + 1, RunLinks{}); });
  EXPECT_NE(missing_run.find("run " + std::to_string(run + 1) + " not found"), std::string::npos) << missing_run;

  const std::string missing_sweep = error_of([&] { set_run_links(store, run, RunLinks{77, {}, {}, {}, {}}); });
  EXPECT_NE(missing_sweep.find("sweep 77 not found"), std::string::npos) << missing_sweep;

  const std::string missing_source = error_of([&] { set_run_links(store, run, RunLinks{{}, {}, {}, 88, "cbow"}); });
  EXPECT_NE(missing_source.find("run 88 not found"), std::string::npos) << missing_source;
  EXPECT_EQ(find_run(store, run)->task, std::nullopt) << "a rejected call writes nothing";
}

TEST(HeartbeatRun, SetsTimeAndPid) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  heartbeat_run(store, id);

  const StoredRun run = find_run(store, id).value();
  ASSERT_TRUE(run.heartbeat_at.has_value());
  EXPECT_TRUE(std::regex_match(*run.heartbeat_at, std::regex(kTimestampPattern))) << *run.heartbeat_at;
  EXPECT_EQ(run.pid, ::getpid());
  EXPECT_THROW(heartbeat_run(store, id + 1), StoreError);
}

TEST(StaleRuns, MarkedInterrupted) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t silent = store.begin_run(sample_run());  // never sent a heartbeat, started long ago
  const int64_t lapsed = store.begin_run(sample_run());  // its last heartbeat is long ago
  const int64_t live = store.begin_run(sample_run());    // sent a heartbeat just now
  const int64_t fresh = store.begin_run(sample_run());   // started just now, no heartbeat yet
  const int64_t done = store.begin_run(sample_run());    // finished long ago
  store.finish_run(done, RunStatus::kCompleted);
  {
    RawDatabase raw(store.path());
    raw.execute("UPDATE runs SET started_at = '2024-01-01T00:00:00.000Z' WHERE id IN (" + std::to_string(silent) +
                ", " + std::to_string(lapsed) + ", " + std::to_string(live) + ", " + std::to_string(done) + ")");
    raw.execute("UPDATE runs SET heartbeat_at = '2024-01-01T08:00:00.000Z' WHERE id = " + std::to_string(lapsed));
  }
  heartbeat_run(store, live);

  EXPECT_EQ(mark_stale_runs_interrupted(store, std::chrono::seconds(60)), 2);

  EXPECT_EQ(find_run(store, silent)->status, RunStatus::kInterrupted);
  EXPECT_EQ(find_run(store, silent)->error,
            "no heartbeat since 2024-01-01T00:00:00.000Z, the process was probably killed");
  EXPECT_TRUE(find_run(store, silent)->ended_at.has_value());
  EXPECT_EQ(find_run(store, lapsed)->status, RunStatus::kInterrupted);
  EXPECT_EQ(find_run(store, lapsed)->error,
            "no heartbeat since 2024-01-01T08:00:00.000Z, the process was probably killed");
  EXPECT_EQ(find_run(store, live)->status, RunStatus::kRunning);
  EXPECT_EQ(find_run(store, fresh)->status, RunStatus::kRunning);
  EXPECT_EQ(find_run(store, done)->status, RunStatus::kCompleted);
  EXPECT_EQ(find_run(store, done)->error, std::nullopt);
  EXPECT_EQ(mark_stale_runs_interrupted(store, std::chrono::seconds(60)), 0) << "a second call finds none";
}

TEST(ReopenRun, DeletesLaterEpochs) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  for (int epoch = 1; epoch <= 4; ++epoch) {
    store.log_epoch(id, epoch, {{kTrainLoss, 1.0 / epoch}, {kTestAccuracy, 0.1 * epoch}});
    log_step(store, id, epoch * 100, epoch, {{kTrainLoss, 2.0 / epoch}});
  }
  set_divergence(store, id, 4, 400);
  store.finish_run(id, RunStatus::kDiverged, "loss is NaN");

  reopen_run(store, id, 2);

  const StoredRun run = find_run(store, id).value();
  EXPECT_EQ(run.status, RunStatus::kRunning);
  EXPECT_EQ(run.ended_at, std::nullopt);
  EXPECT_EQ(run.error, std::nullopt);
  EXPECT_EQ(run.resumed_count, 1);
  EXPECT_EQ(run.pid, ::getpid());
  EXPECT_EQ(run.diverged_epoch, std::nullopt) << "the divergence happened in a deleted epoch";
  EXPECT_EQ(run.diverged_step, std::nullopt);

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), 4);
  EXPECT_EQ(raw.integer("SELECT max(epoch) FROM metrics"), 2);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM step_metrics"), 2);
  EXPECT_EQ(raw.integer("SELECT max(step) FROM step_metrics"), 200);

  // The resumed run writes epoch 3 again, and finishing it works as for a new run.
  store.log_epoch(id, 3, {{kTrainLoss, 0.3}});
  store.finish_run(id, RunStatus::kCompleted);
  reopen_run(store, id, 3);
  EXPECT_EQ(find_run(store, id)->resumed_count, 2);
}

TEST(ReopenRun, KeepsEarlierDivergence) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  set_divergence(store, id, 2, std::nullopt);

  reopen_run(store, id, 3);

  EXPECT_EQ(find_run(store, id)->diverged_epoch, 2);
  EXPECT_EQ(find_run(store, id)->diverged_step, std::nullopt);
}

TEST(ReopenRun, MissingRunRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  const std::string message = error_of([&] { reopen_run(store, 5, 1); });
  EXPECT_NE(message.find("run 5 not found"), std::string::npos) << message;
}

TEST(LogStep, NonFiniteStoredAsText) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  log_step(store, id, 50, 1, {{kTrainLoss, std::nan("")}, {"perplexity", INFINITY}, {kLearningRate, 0.01}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT value || ' ' || typeof(value) FROM step_metrics WHERE name = 'train_loss'"), "NaN text");
  EXPECT_EQ(raw.text("SELECT value FROM step_metrics WHERE name = 'perplexity'"), "Infinity");
  EXPECT_EQ(raw.text("SELECT typeof(value) FROM step_metrics WHERE name = 'learning_rate'"), "real");
  EXPECT_EQ(raw.text("SELECT step || ' ' || epoch FROM step_metrics WHERE name = 'learning_rate'"), "50 1");
}

TEST(LogStep, RepeatedStepRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  log_step(store, id, 10, 1, {{kTrainLoss, 0.5}});

  const std::string message = error_of([&] { log_step(store, id, 10, 1, {{kLearningRate, 0.1}}); });
  EXPECT_NE(message.find("has already logged step 10"), std::string::npos) << message;

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM step_metrics"), 1);
}

}  // namespace
}  // namespace runner::results
