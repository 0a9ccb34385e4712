// The final_epochs, best_epochs and seed_summary views, checked against numbers computed by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "results/metric_names.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

// The 0.975 quantile of Student's t for 2 degrees of freedom, as in the student_t_975 table.
constexpr double kT975TwoDegrees = 4.302652730;

// Reads the only value of a query as a double, without the 15-digit text conversion of RawDatabase.
double real_value(RawDatabase& raw, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(raw.handle(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(raw.handle()) << " in " << sql;
    return NAN;
  }
  const bool has_row = sqlite3_step(statement) == SQLITE_ROW;
  EXPECT_TRUE(has_row) << "no row from " << sql;
  const double value = has_row ? sqlite3_column_double(statement, 0) : NAN;
  sqlite3_finalize(statement);
  return value;
}

// Records one finished run of a point: its params, a first epoch that must not count, and a final
// epoch with the given test accuracy.
int64_t add_run(ResultsStore& store, int64_t width, int64_t seed, double final_accuracy,
                RunStatus status = RunStatus::kCompleted) {
  RunRecord record = sample_run("widths");
  record.seed = seed;
  const int64_t id = store.begin_run(record);
  record_params(store, id, {{"seed", seed}, {"model.width", width}, {"optimizer.lr", 0.1}});
  store.log_epoch(id, 1, {{kTestAccuracy, 0.5}, {kTestLoss, 2.0}});
  store.log_epoch(id, 2, {{kTestAccuracy, final_accuracy}, {kTestLoss, 1.0 - final_accuracy}});
  store.finish_run(id, status);
  return id;
}

TEST(FinalEpochsView, ParamsAndPointKey) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = add_run(store, 32, 7, 0.8);

  RawDatabase raw(store.path());
  const std::string where = " FROM final_epochs WHERE run_id = " + std::to_string(id);
  EXPECT_EQ(raw.text("SELECT params" + where), R"({"model.width":32,"optimizer.lr":0.1,"seed":7})");
  EXPECT_EQ(raw.text("SELECT point_key" + where), R"({"model.width":32,"optimizer.lr":0.1})");
  EXPECT_EQ(raw.text("SELECT final_epoch || ' ' || test_accuracy || ' ' || status || ' ' || resumed_count" + where),
            "2 0.8 completed 0");
  EXPECT_EQ(raw.text("SELECT json_extract(params, '$.\"model.width\"')" + where), "32");
}

TEST(FinalEpochsView, RunWithoutParams) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  store.begin_run(sample_run());

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT params || ' ' || point_key FROM final_epochs"), "{} {}");
  EXPECT_EQ(raw.text("SELECT final_epoch FROM final_epochs"), "NULL");
}

TEST(BestEpochsView, HighestAccuracy) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{kTestAccuracy, 0.6}, {kTestLoss, 0.9}});
  store.log_epoch(id, 2, {{kTestAccuracy, 0.8}, {kTestLoss, 0.7}});
  store.log_epoch(id, 3, {{kTestAccuracy, 0.8}, {kTestLoss, 0.5}});
  store.log_epoch(id, 4, {{kTestAccuracy, std::nan("")}, {kTestLoss, std::nan("")}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT epoch || ' ' || chosen_by || ' ' || test_accuracy FROM best_epochs"),
            "2 test_accuracy 0.8")
      << "the earliest of two equal accuracies wins, and NaN (stored as text) never does";
}

TEST(BestEpochsView, LowestLossWithoutAccuracy) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t language = store.begin_run(sample_run("ngram"));
  store.log_epoch(language, 1, {{kTestLoss, 5.5}});
  store.log_epoch(language, 2, {{kTestLoss, 4.25}});
  store.log_epoch(language, 3, {{kTestLoss, 4.75}});
  const int64_t no_test = store.begin_run(sample_run("train_only"));
  store.log_epoch(no_test, 1, {{kTrainLoss, 1.0}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT run_id || ' ' || epoch || ' ' || chosen_by || ' ' || test_loss FROM best_epochs"),
            std::to_string(language) + " 2 test_loss 4.25")
      << "a run without test metrics has no row";
}

TEST(BestEpochsView, LowestHeldOutLoss) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run("kjv_lstm"));
  store.log_epoch(id, 1, {{kTrainLoss, 6.0}, {kHeldOutLoss, 5.5}, {kPerplexity, std::exp(5.5)}});
  store.log_epoch(id, 2, {{kTrainLoss, 5.0}, {kHeldOutLoss, 4.5}, {kPerplexity, std::exp(4.5)}});
  store.log_epoch(id, 3, {{kTrainLoss, 4.0}, {kHeldOutLoss, 4.75}, {kPerplexity, std::exp(4.75)}});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT epoch || ' ' || chosen_by || ' ' || held_out_loss FROM best_epochs"),
            "2 held_out_loss 4.5");
  EXPECT_NEAR(real_value(raw, "SELECT perplexity FROM best_epochs"), std::exp(4.5), 1e-9);
  // The summaries show the final epoch's held-out numbers, as they show an image run's test numbers.
  EXPECT_EQ(raw.text("SELECT final_epoch || ' ' || held_out_loss FROM run_summary"), "3 4.75");
  EXPECT_EQ(raw.text("SELECT held_out_loss FROM final_epochs"), "4.75");
  EXPECT_EQ(raw.text("SELECT test_loss FROM epochs WHERE epoch = 1"), "NULL");
}

TEST(SeedSummaryView, MeanStdAndInterval) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const std::vector<double> narrow = {0.80, 0.84, 0.86};
  const std::vector<double> wide = {0.90, 0.91, 0.95};
  for (size_t seed = 0; seed < 3; ++seed) {
    add_run(store, 32, static_cast<int64_t>(seed + 1), narrow[seed]);
    add_run(store, 64, static_cast<int64_t>(seed + 1), wide[seed]);
  }
  add_run(store, 64, 4, 0.10, RunStatus::kFailed);  // not completed, so not counted

  // The same statistics computed here: sample standard deviation and a t-based 95% interval.
  const double mean = (0.80 + 0.84 + 0.86) / 3.0;
  const double squares = std::pow(0.80 - mean, 2) + std::pow(0.84 - mean, 2) + std::pow(0.86 - mean, 2);
  const double std_dev = std::sqrt(squares / 2.0);
  const double half_width = kT975TwoDegrees * std_dev / std::sqrt(3.0);

  RawDatabase raw(store.path());
  const std::string narrow_row =
      " FROM seed_summary WHERE metric = 'test_accuracy' AND json_extract(point_key, '$.\"model.width\"') = 32";
  EXPECT_EQ(raw.integer("SELECT n" + narrow_row), 3);
  EXPECT_NEAR(real_value(raw, "SELECT mean" + narrow_row), mean, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT std" + narrow_row), std_dev, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_low" + narrow_row), mean - half_width, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_high" + narrow_row), mean + half_width, 1e-12);

  // The same numbers written out, as the statistics module of Python 3 computes them.
  EXPECT_NEAR(real_value(raw, "SELECT mean" + narrow_row), 0.8333333333333334, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT std" + narrow_row), 0.030550504633038898, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_low" + narrow_row), 0.7574416726569791, 1e-9);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_high" + narrow_row), 0.9092249940096876, 1e-9);
  EXPECT_EQ(raw.text("SELECT seeds" + narrow_row), "[1,2,3]");

  const std::string wide_row =
      " FROM seed_summary WHERE metric = 'test_accuracy' AND json_extract(point_key, '$.\"model.width\"') = 64";
  EXPECT_EQ(raw.integer("SELECT n" + wide_row), 3) << "the failed fourth seed is left out";
  EXPECT_NEAR(real_value(raw, "SELECT mean" + wide_row), 0.92, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT std" + wide_row), 0.026457513110645866, 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_low" + wide_row), 0.8542758939188888, 1e-9);

  EXPECT_EQ(raw.integer("SELECT count(*) FROM seed_summary"), 4) << "two points times two metrics";
  EXPECT_NEAR(real_value(raw,
                         "SELECT mean FROM seed_summary WHERE metric = 'test_loss' AND "
                         "json_extract(point_key, '$.\"model.width\"') = 64"),
              1.0 - 0.92, 1e-12);
}

TEST(SeedSummaryView, SingleSeedHasNoInterval) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  add_run(store, 32, 1, 0.8);

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.text("SELECT n || ' ' || mean || ' ' || coalesce(std, 'NULL') || ' ' || coalesce(ci95_low, 'NULL') "
                     "FROM seed_summary WHERE metric = 'test_accuracy'"),
            "1 0.8 NULL NULL");
}

TEST(SeedSummaryView, LargeSampleUsesLowerTableRow) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  // 36 seeds have 35 degrees of freedom, between the table rows 30 and 40, so the view uses row 30.
  for (int seed = 1; seed <= 36; ++seed) add_run(store, 32, seed, seed % 2 == 0 ? 0.9 : 0.7);

  RawDatabase raw(store.path());
  const std::string row = " FROM seed_summary WHERE metric = 'test_accuracy'";
  const double std_dev = real_value(raw, "SELECT std" + row);
  EXPECT_NEAR(std_dev, std::sqrt(36 * 0.01 / 35.0), 1e-12);
  EXPECT_NEAR(real_value(raw, "SELECT ci95_high" + row), 0.8 + 2.042272456 * std_dev / 6.0, 1e-12);
}

}  // namespace
}  // namespace runner::results
