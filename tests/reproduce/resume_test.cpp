// `runner resume` in process: a run stopped after an epoch and resumed ends exactly where an
// uninterrupted run of the same config ends, in metrics and in weights.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <map>

#include "reproduce_test_util.h"
#include "runner/train/interrupt.h"
#include "runner/train/resume_command.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

// Every tensor saved in a weights or checkpoint archive, by its dotted path.
void collect_tensors(torch::serialize::InputArchive& archive, const std::string& prefix,
                     std::map<std::string, torch::Tensor>& tensors) {
  for (const auto& key : archive.keys()) {
    torch::serialize::InputArchive nested;
    torch::Tensor tensor;
    if (archive.try_read(key, nested)) {
      collect_tensors(nested, prefix + key + ".", tensors);
    } else if (archive.try_read(key, tensor) || archive.try_read(key, tensor, /*is_buffer=*/true)) {
      tensors[prefix + key] = tensor;
    }
  }
}

std::map<std::string, torch::Tensor> saved_tensors(const std::filesystem::path& file) {
  torch::serialize::InputArchive archive;
  archive.load_from(file.string());
  std::map<std::string, torch::Tensor> tensors;
  collect_tensors(archive, "", tensors);
  return tensors;
}

std::filesystem::path run_file(const std::filesystem::path& database, int64_t run_id, const std::string& name) {
  const auto rows = query_rows(database, fmt::format("SELECT path FROM run_files WHERE run_id = {} AND name = '{}'",
                                                     run_id, name));
  return rows.empty() ? std::filesystem::path() : std::filesystem::path(rows[0][0]);
}

train::ReplayOptions replay_options(const std::filesystem::path& database) {
  train::ReplayOptions replay;
  replay.database = database.string();
  replay.quiet = true;
  return replay;
}

// Trains `config` for 3 epochs in one go (run 1), and again stopped after epoch 1 and resumed (run 2).
void check_resume_matches_uninterrupted(const std::string& config) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, config).exit_code, ExitCode::kOk);
  {
    ScopedEnvironment stop(train::kStopAfterEpochVariable, "1");
    const auto stopped = run_config_text(db, config);
    ASSERT_EQ(stopped.exit_code, ExitCode::kInterrupted);
    ASSERT_EQ(stopped.run_id, 2);
  }
  EXPECT_EQ(query_rows(db, "SELECT status, count(DISTINCT epoch) FROM runs JOIN metrics ON run_id = runs.id "
                           "WHERE runs.id = 2")[0],
            (std::vector<std::string>{"interrupted", "1"}));

  ASSERT_EQ(train::resume_run(2, replay_options(db)), ExitCode::kOk);

  const auto run = query_rows(db, "SELECT status, resumed_count, ended_at IS NOT NULL FROM runs WHERE id = 2");
  EXPECT_EQ(run[0], (std::vector<std::string>{"completed", "1", "1"}));
  const auto uninterrupted = reproducible_metrics(db, 1);
  EXPECT_EQ(uninterrupted.size(), 15u);  // 3 epochs x 5 metrics
  EXPECT_EQ(reproducible_metrics(db, 2), uninterrupted);

  const auto weights_1 = saved_tensors(run_file(db, 1, "model.pt"));
  const auto weights_2 = saved_tensors(run_file(db, 2, "model.pt"));
  ASSERT_EQ(weights_1.size(), 4u);  // two linear layers, weight and bias each
  for (const auto& [name, tensor] : weights_1) {
    ASSERT_EQ(weights_2.count(name), 1u) << name;
    EXPECT_TRUE(torch::equal(tensor, weights_2.at(name))) << name;
  }
}

TEST(Resume, SgdMomentumMatchesUninterrupted) {
  check_resume_matches_uninterrupted(tiny_config("{name: sgd, lr: 0.05, momentum: 0.9}", 3, kAugmentation));
}

TEST(Resume, AdamWMatchesUninterrupted) {
  check_resume_matches_uninterrupted(tiny_config("{name: adamw, lr: 0.002}", 3, kAugmentation));
}

TEST(Resume, CheckpointAndWeightsRecorded) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  ASSERT_EQ(run_config_text(db, tiny_config("{name: adam}", 2)).exit_code, ExitCode::kOk);
  const auto checkpoint = run_file(db, 1, "checkpoint.pt");
  const auto weights = run_file(db, 1, "model.pt");
  EXPECT_EQ(checkpoint, folder.path() / "results.runs" / "1" / "checkpoint.pt");
  EXPECT_EQ(weights, folder.path() / "results.runs" / "1" / "model.pt");
  EXPECT_TRUE(std::filesystem::exists(checkpoint));
  EXPECT_TRUE(std::filesystem::exists(weights));
  // No temporary file is left beside them.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(checkpoint.parent_path())) {
    ++files;
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr("tmp")));
  }
  EXPECT_EQ(files, 2);
}

class ResumeErrors : public ::testing::Test {
 protected:
  // Run 1 completed; run 2 stopped after epoch 1 with a checkpoint.
  void SetUp() override {
    ASSERT_EQ(run_config_text(db_, tiny_config("{name: adam}", 2)).exit_code, ExitCode::kOk);
    ScopedEnvironment stop(train::kStopAfterEpochVariable, "1");
    ASSERT_EQ(run_config_text(db_, tiny_config("{name: adam}", 2)).exit_code, ExitCode::kInterrupted);
  }

  ExitCode resume(int64_t run_id, std::string& message) {
    ::testing::internal::CaptureStderr();
    const ExitCode code = train::resume_run(run_id, replay_options(db_));
    message = ::testing::internal::GetCapturedStderr();
    return code;
  }

  TempFolder folder_;
  std::filesystem::path db_ = folder_.path() / "results.db";
};

TEST_F(ResumeErrors, UnknownRunId) {
  std::string message;
  EXPECT_EQ(resume(9, message), ExitCode::kUsage);
  EXPECT_THAT(message, HasSubstr("run 9 not found in " + db_.string()));
}

TEST_F(ResumeErrors, MissingDatabase) {
  train::ReplayOptions replay = replay_options(folder_.path() / "other.db");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(train::resume_run(1, replay), ExitCode::kUsage);
  EXPECT_THAT(::testing::internal::GetCapturedStderr(), HasSubstr("other.db not found"));
  EXPECT_FALSE(std::filesystem::exists(folder_.path() / "other.db"));
}

TEST_F(ResumeErrors, CompletedRun) {
  std::string message;
  EXPECT_EQ(resume(1, message), ExitCode::kUsage);
  EXPECT_THAT(message, HasSubstr("run 1 already completed"));
  EXPECT_THAT(message, HasSubstr("runner rerun 1"));
}

TEST_F(ResumeErrors, NoCheckpointBeforeFirstEpoch) {
  {
    // A run interrupted before its first epoch ended, as a signal would interrupt it.
    train::RunOptions options;
    options.config_text = tiny_config("{name: adam}", 2);
    options.database = db_.string();
    options.quiet = true;
    options.on_run_started = [](results::ResultsStore&, int64_t) { throw train::Interrupted(); };
    EXPECT_EQ(train::run_experiment(options).exit_code, ExitCode::kInterrupted);
  }
  std::string message;
  EXPECT_EQ(resume(3, message), ExitCode::kUsage);
  EXPECT_THAT(message, HasSubstr("run 3 has no checkpoint"));
  EXPECT_THAT(message, HasSubstr("runner rerun 3"));
}

TEST_F(ResumeErrors, CheckpointFileMissing) {
  const auto checkpoint = run_file(db_, 2, "checkpoint.pt");
  std::filesystem::remove(checkpoint);
  std::string message;
  EXPECT_EQ(resume(2, message), ExitCode::kData);
  EXPECT_THAT(message, HasSubstr(checkpoint.string() + " not found"));
  EXPECT_EQ(query_rows(db_, "SELECT status FROM runs WHERE id = 2")[0][0], "interrupted");
}

TEST_F(ResumeErrors, CheckpointFileCorrupt) {
  const auto checkpoint = run_file(db_, 2, "checkpoint.pt");
  write_file(checkpoint, "not a checkpoint");
  std::string message;
  EXPECT_EQ(resume(2, message), ExitCode::kData);
  EXPECT_THAT(message, HasSubstr("cannot read checkpoint file " + checkpoint.string()));
  // The run row is untouched: still interrupted, epoch 1 kept.
  EXPECT_EQ(query_rows(db_, "SELECT status, resumed_count FROM runs WHERE id = 2")[0],
            (std::vector<std::string>{"interrupted", "0"}));
  EXPECT_EQ(query_rows(db_, "SELECT count(*) FROM epochs WHERE run_id = 2")[0][0], "1");
}

}  // namespace
}  // namespace runner::testing
