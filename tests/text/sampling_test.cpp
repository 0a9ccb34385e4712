// Negative-sampling draws and frequent-word subsampling.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "runner/text/subsampling.h"
#include "runner/text/unigram_table.h"

namespace runner::text {
namespace {

TEST(UnigramTable, ProbabilitiesFollowCountsToThePower) {
  const std::vector<int64_t> counts = {0, 1, 16, 81};
  const UnigramTable table(counts);
  const double total = 0.0 + 1.0 + 8.0 + 27.0;  // 16^0.75 = 8, 81^0.75 = 27
  EXPECT_DOUBLE_EQ(table.probability(0), 0.0);
  EXPECT_NEAR(table.probability(1), 1.0 / total, 1e-12);
  EXPECT_NEAR(table.probability(2), 8.0 / total, 1e-12);
  EXPECT_NEAR(table.probability(3), 27.0 / total, 1e-12);
}

TEST(UnigramTable, DrawsMatchDistribution) {
  const std::vector<int64_t> counts = {0, 5, 1, 100, 1000, 30, 7, 0, 250};
  const UnigramTable table(counts, 0.75);
  std::mt19937_64 generator(2024);
  constexpr int kDraws = 200000;
  std::vector<int64_t> observed(counts.size(), 0);
  for (int i = 0; i < kDraws; ++i) {
    const int64_t id = table.sample(generator);
    ASSERT_GE(id, 0);
    ASSERT_LT(id, table.size());
    ++observed[static_cast<size_t>(id)];
  }

  // Pearson's chi-square over the 7 words that can be drawn (6 degrees of freedom) must stay below its
  // 0.999 quantile, 22.46. Each word must also be within 15 % of its expected count, which is 4
  // standard deviations for the rarest word (about 680 expected draws).
  double chi_square = 0.0;
  for (size_t id = 0; id < counts.size(); ++id) {
    const double expected = table.probability(static_cast<int64_t>(id)) * kDraws;
    if (counts[id] == 0) {
      EXPECT_EQ(observed[id], 0) << "id " << id << " has count 0";
      continue;
    }
    chi_square += (observed[id] - expected) * (observed[id] - expected) / expected;
    EXPECT_NEAR(observed[id] / expected, 1.0, 0.15) << "id " << id;
  }
  EXPECT_LT(chi_square, 22.46);
}

TEST(UnigramTable, SameSeedSameDraws) {
  const UnigramTable table({3, 1, 4, 1, 5, 9, 2, 6});
  std::mt19937_64 first(7);
  std::mt19937_64 second(7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(table.sample(first), table.sample(second));
}

TEST(UnigramTable, SingleWordAlwaysDrawn) {
  const UnigramTable table({0, 42, 0});
  std::mt19937_64 generator(1);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(table.sample(generator), 1);
}

TEST(UnigramTable, RejectsInvalidCounts) {
  EXPECT_THROW(UnigramTable({}), std::invalid_argument);
  EXPECT_THROW(UnigramTable({0, 0}), std::invalid_argument);
  EXPECT_THROW(UnigramTable({3, -1}), std::invalid_argument);
}

TEST(Subsampling, KeepProbabilityFormula) {
  // f = 0.1, t = 0.001: (sqrt(100) + 1) * 0.001 / 0.1 = 0.11.
  EXPECT_NEAR(keep_probability(100, 1000, 1e-3), 0.11, 1e-12);
  // f = 4t: (2 + 1) / 4.
  EXPECT_NEAR(keep_probability(4, 1000, 1e-3), 0.75, 1e-12);
  // Rare words (f <= about 2.6 t) are always kept.
  EXPECT_DOUBLE_EQ(keep_probability(1, 1000, 1e-3), 1.0);
  EXPECT_DOUBLE_EQ(keep_probability(2, 1000, 1e-3), 1.0);
}

TEST(Subsampling, OffAndEdgeCases) {
  EXPECT_DOUBLE_EQ(keep_probability(900, 1000, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(keep_probability(0, 1000, 1e-3), 1.0);
  EXPECT_THROW(keep_probability(1, 0, 1e-3), std::invalid_argument);
  EXPECT_THROW(keep_probability(5, 4, 1e-3), std::invalid_argument);
}

TEST(Subsampling, FrequentWordsKeptLess) {
  EXPECT_LT(keep_probability(500, 1000, 1e-4), keep_probability(50, 1000, 1e-4));
}

}  // namespace
}  // namespace runner::text
