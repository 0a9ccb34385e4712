// Run-level reproducibility on the CPU: the same config, seed and thread count give bit-identical
// metrics, and how often a run evaluates never changes how it trains.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reproduce_test_util.h"

namespace runner::testing {
namespace {

TEST(Determinism, SameConfigTwiceBitIdentical) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  const std::string config = tiny_config("{name: sgd, lr: 0.05, momentum: 0.9}", 2, kAugmentation);
  ASSERT_EQ(run_config_text(db, config).exit_code, ExitCode::kOk);
  ASSERT_EQ(run_config_text(db, config).exit_code, ExitCode::kOk);
  const auto first = reproducible_metrics(db, 1);
  EXPECT_EQ(first.size(), 10u);  // 2 epochs x 5 metrics
  EXPECT_EQ(reproducible_metrics(db, 2), first);
}

TEST(Determinism, DeterministicModeRunsAndMatches) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  const std::string config = tiny_config("{name: adam}", 1, "deterministic: true");
  ASSERT_EQ(run_config_text(db, config).exit_code, ExitCode::kOk);
  ASSERT_EQ(run_config_text(db, config).exit_code, ExitCode::kOk);
  EXPECT_EQ(reproducible_metrics(db, 2), reproducible_metrics(db, 1));
  EXPECT_EQ(query_rows(db, "SELECT json_extract(config_json, '$.deterministic') FROM runs WHERE id = 1")[0][0], "1");
}

TEST(Determinism, EvalEveryKeepsTrainingLoss) {
  TempFolder folder;
  const auto db = folder.path() / "results.db";
  const std::string optimizer = "{name: sgd, lr: 0.05, momentum: 0.9}";
  ASSERT_EQ(run_config_text(db, tiny_config(optimizer, 3, kAugmentation)).exit_code, ExitCode::kOk);
  ASSERT_EQ(run_config_text(db, tiny_config(optimizer, 3, kAugmentation, ", eval_every: 2")).exit_code,
            ExitCode::kOk);

  const std::string train_loss = "SELECT epoch, printf('%!.17g', value) FROM metrics WHERE name = 'train_loss' "
                                 "AND run_id = {} ORDER BY epoch";
  const auto every_epoch = query_rows(db, fmt::format(train_loss, 1));
  ASSERT_EQ(every_epoch.size(), 3u);
  EXPECT_EQ(query_rows(db, fmt::format(train_loss, 2)), every_epoch);

  // Evaluated after epoch 2 (every second) and epoch 3 (the last), not after epoch 1.
  const auto evaluated = query_rows(db, "SELECT epoch FROM metrics WHERE run_id = 2 AND name = 'test_accuracy' "
                                        "ORDER BY epoch");
  EXPECT_EQ(evaluated, (std::vector<std::vector<std::string>>{{"2"}, {"3"}}));
  const auto final_accuracy = "SELECT printf('%!.17g', test_accuracy) FROM epochs WHERE epoch = 3 AND run_id = ";
  EXPECT_EQ(query_rows(db, final_accuracy + std::string("1")), query_rows(db, final_accuracy + std::string("2")));
}

}  // namespace
}  // namespace runner::testing
