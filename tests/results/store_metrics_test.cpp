// The metrics table: one transaction per epoch, the UNIQUE constraint and non-finite values.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <regex>
#include <string>

#include "results/metric_names.h"
#include "results/metric_value.h"
#include "results/store.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::RawDatabase;
using testing::sample_run;
using testing::TempFolder;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string error_text(const std::function<void()>& action) {
  try {
    action();
  } catch (const StoreError& error) {
    return error.what();
  }
  return "";
}

TEST(LogEpoch, WritesOneRowPerMetric) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{kTrainLoss, 0.75}, {kTestAccuracy, 0.875}});
  store.log_epoch(id, 2, {{kTrainLoss, 0.5}, {kTestAccuracy, 0.9375}});

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT run_id, epoch, name, value, typeof(value), recorded_at FROM metrics "
                             "ORDER BY epoch, name");
  ASSERT_EQ(rows.size(), 4u);
  const std::vector<std::vector<std::string>> expected = {
      {std::to_string(id), "1", "test_accuracy", "0.875", "real"},
      {std::to_string(id), "1", "train_loss", "0.75", "real"},
      {std::to_string(id), "2", "test_accuracy", "0.9375", "real"},
      {std::to_string(id), "2", "train_loss", "0.5", "real"},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t column = 0; column < expected[i].size(); ++column) {
      EXPECT_EQ(rows[i][column], expected[i][column]) << "row " << i << ", column " << column;
    }
    ASSERT_TRUE(rows[i][5].has_value());
    EXPECT_TRUE(std::regex_match(*rows[i][5], std::regex(testing::kTimestampPattern))) << *rows[i][5];
  }
}

TEST(LogEpoch, KeepsFullDoublePrecision) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  const double value = 0.1 + 0.2;
  store.log_epoch(id, 1, {{kLearningRate, value}});

  const auto rows = store.metrics(id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, value) << "the stored value must round-trip bit for bit";
}

TEST(StoreMetrics, ReadsBackByEpochAndName) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  const int64_t other = store.begin_run(sample_run());
  store.log_epoch(id, 2, {{kTrainLoss, 0.25}});
  store.log_epoch(id, 1, {{kTrainLoss, 0.5}, {kEpochSeconds, 12.5}});
  store.log_epoch(other, 1, {{kTrainLoss, 9.0}});

  const auto rows = store.metrics(id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].epoch, 1);
  EXPECT_EQ(rows[0].name, "seconds");
  EXPECT_EQ(rows[0].value, 12.5);
  EXPECT_EQ(rows[1].epoch, 1);
  EXPECT_EQ(rows[1].name, "train_loss");
  EXPECT_EQ(rows[1].value, 0.5);
  EXPECT_EQ(rows[2].epoch, 2);
  EXPECT_EQ(rows[2].name, "train_loss");
  EXPECT_EQ(rows[2].value, 0.25);
  for (const MetricRow& row : rows) EXPECT_EQ(row.run_id, id);
}

TEST(StoreMetrics, UnknownRunIsEmpty) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  EXPECT_TRUE(store.metrics(99).empty());
}

TEST(LogEpoch, DuplicateEpochRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{kTrainLoss, 0.5}});

  // The second call adds a new name and repeats an old one, so the first insert succeeds before the
  // second fails, and the transaction must undo the first.
  const std::string message = error_text([&] { store.log_epoch(id, 1, {{kTestLoss, 0.6}, {kTrainLoss, 0.4}}); });
  EXPECT_NE(message.find("UNIQUE constraint failed"), std::string::npos) << message;
  EXPECT_NE(message.find("epoch 1 of run " + std::to_string(id)), std::string::npos) << message;
  EXPECT_NE(message.find("already has this epoch"), std::string::npos) << message;

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), 1) << "no row of the rejected epoch may remain";
  EXPECT_EQ(raw.text("SELECT value FROM metrics WHERE name = 'train_loss'"), "0.5");
}

TEST(MetricsTable, UniqueRejectsRawDuplicate) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 3, {{kTestLoss, 0.5}});

  RawDatabase raw(store.path());
  const std::string insert =
      "INSERT INTO metrics (run_id, epoch, name, value) VALUES (" + std::to_string(id) + ", 3, 'test_loss', 0.1)";
  EXPECT_THROW(raw.execute(insert), std::runtime_error);
  EXPECT_EQ(sqlite3_extended_errcode(raw.handle()), SQLITE_CONSTRAINT_UNIQUE);
}

TEST(LogEpoch, RepeatedNameRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  const std::string message = error_text([&] { store.log_epoch(id, 1, {{kTrainLoss, 0.5}, {kTrainLoss, 0.4}}); });
  EXPECT_NE(message.find("the metric 'train_loss' appears twice"), std::string::npos) << message;
  EXPECT_TRUE(store.metrics(id).empty());
}

TEST(LogEpoch, EmptyNameRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  const std::string message = error_text([&] { store.log_epoch(id, 1, {{"", 0.5}}); });
  EXPECT_NE(message.find("empty name"), std::string::npos) << message;
}

TEST(LogEpoch, UnknownRunRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));

  const std::string message = error_text([&] { store.log_epoch(7, 1, {{kTrainLoss, 0.5}}); });
  EXPECT_NE(message.find("FOREIGN KEY constraint failed"), std::string::npos) << message;
  EXPECT_NE(message.find("run id does not exist"), std::string::npos) << message;

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), 0);
}

TEST(LogEpoch, NegativeEpochRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());

  const std::string message = error_text([&] { store.log_epoch(id, -1, {{kTrainLoss, 0.5}}); });
  EXPECT_NE(message.find("CHECK constraint failed"), std::string::npos) << message;
}

TEST(LogEpoch, NoMetricsWritesNothing) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {});

  RawDatabase raw(store.path());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM metrics"), 0);
}

TEST(LogEpoch, NonFiniteStoredAsText) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1,
                  {{"a_nan", std::nan("")}, {"b_infinity", kInfinity}, {"c_negative_infinity", -kInfinity},
                   {"d_finite", -2.5}});

  RawDatabase raw(store.path());
  const auto rows = raw.rows("SELECT value, typeof(value) FROM metrics ORDER BY name");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "NaN");
  EXPECT_EQ(rows[0][1], "text");
  EXPECT_EQ(rows[1][0], "Infinity");
  EXPECT_EQ(rows[1][1], "text");
  EXPECT_EQ(rows[2][0], "-Infinity");
  EXPECT_EQ(rows[2][1], "text");
  EXPECT_EQ(rows[3][0], "-2.5");
  EXPECT_EQ(rows[3][1], "real");
}

TEST(StoreMetrics, NonFiniteRoundTrip) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  store.log_epoch(id, 1, {{"a_nan", std::nan("")}, {"b_infinity", kInfinity}, {"c_negative_infinity", -kInfinity}});

  const auto rows = store.metrics(id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(std::isnan(rows[0].value)) << rows[0].value;
  EXPECT_EQ(rows[1].value, kInfinity);
  EXPECT_EQ(rows[2].value, -kInfinity);
}

TEST(StoreMetrics, UnknownTextRejected) {
  TempFolder folder;
  ResultsStore store(folder.file("results.db"));
  const int64_t id = store.begin_run(sample_run());
  RawDatabase raw(store.path());
  raw.execute("INSERT INTO metrics (run_id, epoch, name, value) VALUES (" + std::to_string(id) +
              ", 1, 'train_loss', 'oops')");

  const std::string message = error_text([&] { store.metrics(id); });
  EXPECT_NE(message.find("the text 'oops'"), std::string::npos) << message;
}

TEST(MetricValue, EncodesNonFinite) {
  EXPECT_EQ(encode_non_finite(std::nan("")), "NaN");
  EXPECT_EQ(encode_non_finite(kInfinity), "Infinity");
  EXPECT_EQ(encode_non_finite(-kInfinity), "-Infinity");
}

TEST(MetricValue, DecodesOnlyItsOwnSpellings) {
  EXPECT_TRUE(std::isnan(decode_non_finite("NaN").value_or(0.0)));
  EXPECT_EQ(decode_non_finite("Infinity"), kInfinity);
  EXPECT_EQ(decode_non_finite("-Infinity"), -kInfinity);
  EXPECT_EQ(decode_non_finite("nan"), std::nullopt);
  EXPECT_EQ(decode_non_finite("inf"), std::nullopt);
  EXPECT_EQ(decode_non_finite(""), std::nullopt);
}

}  // namespace
}  // namespace runner::results
