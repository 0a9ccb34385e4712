#include "runner/data/label_noise.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace runner::data {
namespace {

// Labels 0, 1, ..., 9, 0, 1, ... for `count` images.
std::vector<int64_t> cycling_labels(size_t count, int64_t num_classes) {
  std::vector<int64_t> labels(count);
  for (size_t index = 0; index < count; ++index) {
    labels[index] = static_cast<int64_t>(index) % num_classes;
  }
  return labels;
}

int64_t count_differences(const std::vector<int64_t>& left, const std::vector<int64_t>& right) {
  int64_t differences = 0;
  for (size_t index = 0; index < left.size(); ++index) {
    differences += left[index] != right[index] ? 1 : 0;
  }
  return differences;
}

TEST(LabelNoise, ExactCount) {
  const std::vector<int64_t> original = cycling_labels(1000, 10);
  std::vector<int64_t> labels = original;

  EXPECT_EQ(apply_label_noise(labels, 10, 0.25, 1), 250);
  EXPECT_EQ(count_differences(original, labels), 250);
}

TEST(LabelNoise, CountRoundsToNearest) {
  std::vector<int64_t> labels = cycling_labels(3, 10);
  EXPECT_EQ(apply_label_noise(labels, 10, 0.5, 1), 2);  // llround(1.5) == 2

  std::vector<int64_t> more_labels = cycling_labels(7, 10);
  EXPECT_EQ(apply_label_noise(more_labels, 10, 0.1, 1), 1);  // llround(0.7) == 1
}

TEST(LabelNoise, FullRateChangesEveryLabel) {
  const std::vector<int64_t> original = cycling_labels(500, 10);
  std::vector<int64_t> labels = original;

  EXPECT_EQ(apply_label_noise(labels, 10, 1.0, 3), 500);
  for (size_t index = 0; index < labels.size(); ++index) {
    EXPECT_NE(labels[index], original[index]) << "index " << index;
    EXPECT_GE(labels[index], 0);
    EXPECT_LT(labels[index], 10);
  }
}

TEST(LabelNoise, TwoClassesFlip) {
  std::vector<int64_t> labels = {0, 1, 1, 0};
  EXPECT_EQ(apply_label_noise(labels, 2, 1.0, 9), 4);
  EXPECT_EQ(labels, (std::vector<int64_t>{1, 0, 0, 1}));
}

TEST(LabelNoise, SameSeedSameLabels) {
  std::vector<int64_t> first = cycling_labels(1000, 10);
  std::vector<int64_t> second = first;
  apply_label_noise(first, 10, 0.3, 42);
  apply_label_noise(second, 10, 0.3, 42);
  EXPECT_EQ(first, second);
}

TEST(LabelNoise, DifferentSeedDifferentLabels) {
  std::vector<int64_t> first = cycling_labels(1000, 10);
  std::vector<int64_t> second = first;
  apply_label_noise(first, 10, 0.3, 42);
  apply_label_noise(second, 10, 0.3, 43);
  EXPECT_NE(first, second);
}

// The output is fixed by the C++ standard's definition of std::mt19937_64 and by the draw order, so these
// values must be the same with every compiler and standard library. They match a separate Python
// implementation of the engine and the draws.
TEST(LabelNoise, GoldenSequence) {
  std::vector<int64_t> labels = cycling_labels(10, 10);
  EXPECT_EQ(apply_label_noise(labels, 10, 0.5, 2024), 5);
  EXPECT_EQ(labels, (std::vector<int64_t>{9, 7, 5, 3, 5, 5, 8, 7, 8, 9}));
}

TEST(LabelNoise, OtherClassesEquallyLikely) {
  std::vector<int64_t> labels(30000, 0);
  apply_label_noise(labels, 3, 1.0, 5);

  std::vector<int64_t> counts(3, 0);
  for (const int64_t label : labels) {
    ++counts[static_cast<size_t>(label)];
  }
  EXPECT_EQ(counts[0], 0);
  // Each of the two other classes has mean 15000 and standard deviation about 87.
  EXPECT_NEAR(static_cast<double>(counts[1]), 15000.0, 500.0);
  EXPECT_NEAR(static_cast<double>(counts[2]), 15000.0, 500.0);
}

TEST(LabelNoise, TestLabelsUntouched) {
  std::vector<int64_t> train = cycling_labels(100, 10);
  const std::vector<int64_t> test = cycling_labels(50, 10);
  std::vector<int64_t> test_copy = test;

  apply_label_noise(train, 10, 0.5, 7);
  EXPECT_EQ(test_copy, test);
  EXPECT_EQ(count_differences(cycling_labels(100, 10), train), 50);
}

TEST(LabelNoise, ZeroRateChangesNothing) {
  const std::vector<int64_t> original = cycling_labels(1000, 10);
  std::vector<int64_t> labels = original;
  EXPECT_EQ(apply_label_noise(labels, 10, 0.0, 42), 0);
  EXPECT_EQ(labels, original);
}

TEST(LabelNoise, EmptyLabels) {
  std::vector<int64_t> labels;
  EXPECT_EQ(apply_label_noise(labels, 10, 0.5, 42), 0);
  EXPECT_TRUE(labels.empty());
}

TEST(LabelNoise, InvalidArgumentsThrow) {
  std::vector<int64_t> labels = cycling_labels(10, 10);
  EXPECT_THROW(apply_label_noise(labels, 10, -0.1, 1), std::invalid_argument);
  EXPECT_THROW(apply_label_noise(labels, 10, 1.5, 1), std::invalid_argument);
  EXPECT_THROW(apply_label_noise(labels, 10, std::nan(""), 1), std::invalid_argument);
  EXPECT_THROW(apply_label_noise(labels, 1, 0.5, 1), std::invalid_argument);
  EXPECT_THROW(apply_label_noise(labels, 5, 0.5, 1), std::invalid_argument);  // labels 5..9 are out of range
  EXPECT_EQ(labels, cycling_labels(10, 10));
}

}  // namespace
}  // namespace runner::data
