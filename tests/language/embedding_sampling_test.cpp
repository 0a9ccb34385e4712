// Subsampling and negative sampling: the rates they promise, measured over many draws.
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "runner/language/word2vec_sampling.h"

namespace runner::language {
namespace {

constexpr int kDraws = 200000;

// Four standard deviations of a fraction measured over kDraws Bernoulli draws.
double tolerance(double probability) {
  return 4.0 * std::sqrt(probability * (1.0 - probability) / kDraws) + 1e-9;
}

// word2vec's rule with f = count / total: keep with probability (sqrt(f / t) + 1) * t / f, at most 1.
TEST(Subsampler, DropsFrequentWordAtDocumentedRate) {
  // Word 1 is 5 % of the 100,000 tokens: f / t = 50, so it is kept with (sqrt(50) + 1) * 0.02 = 0.1614.
  const std::vector<int64_t> counts = {0, 5000, 94990, 10};
  const double threshold = 1e-3;
  const Subsampler subsampler(counts, threshold);
  const double expected = (std::sqrt(50.0) + 1.0) * 0.02;
  EXPECT_NEAR(subsampler.keep_probability(1), expected, 1e-12);

  std::mt19937_64 generator(11);
  int kept_count = 0;
  for (int i = 0; i < kDraws; ++i) kept_count += subsampler.keep(1, generator) ? 1 : 0;
  EXPECT_NEAR(static_cast<double>(kept_count) / kDraws, expected, tolerance(expected));
}

TEST(Subsampler, KeepsEveryRareWord) {
  // f = 1e-4 < 2.6 t, so the rule's probability is above 1 and the word is always kept.
  const std::vector<int64_t> counts = {0, 5000, 94990, 10};
  const Subsampler subsampler(counts, 1e-3);
  EXPECT_EQ(subsampler.keep_probability(3), 1.0);

  std::mt19937_64 generator(12);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(subsampler.keep(3, generator));
}

TEST(Subsampler, ThresholdZeroKeepsEverything) {
  const std::vector<int64_t> counts = {0, 5000, 94990, 10};
  const Subsampler subsampler(counts, 0.0);
  std::mt19937_64 generator(13);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(subsampler.keep(2, generator));
}

// count^0.75 for counts 1000, 100, 10 is 177.83, 31.62 and 5.62, so the three words are drawn with
// probability 0.8269, 0.1470 and 0.0261. Word 0 has count 0 and is never drawn.
TEST(NegativeSampler, DrawsUnigramToThreeQuarters) {
  const NegativeSampler sampler({0, 1000, 100, 10});
  std::mt19937_64 generator(21);
  std::vector<int64_t> negatives(kDraws);
  sampler.draw(int64_t{0}, negatives.data(), kDraws, generator);

  std::vector<int> seen(4, 0);
  for (int64_t word : negatives) seen[static_cast<size_t>(word)] += 1;
  const double weights[] = {0.0, std::pow(1000.0, 0.75), std::pow(100.0, 0.75), std::pow(10.0, 0.75)};
  const double sum = weights[1] + weights[2] + weights[3];
  EXPECT_EQ(seen[0], 0);
  for (int word = 1; word < 4; ++word) {
    const double expected = weights[word] / sum;
    EXPECT_NEAR(static_cast<double>(seen[word]) / kDraws, expected, tolerance(expected)) << "word " << word;
  }
}

// negative_power: 0.5, the power fastText's negative table uses: square roots 31.62, 10 and 3.16 give 0.7208, 0.2279 and
// 0.0721.
TEST(NegativeSampler, DrawsChosenPower) {
  const NegativeSampler sampler({0, 1000, 100, 10}, 0.5);
  std::mt19937_64 generator(22);
  std::vector<int64_t> negatives(kDraws);
  sampler.draw(int64_t{0}, negatives.data(), kDraws, generator);

  std::vector<int> seen(4, 0);
  for (int64_t word : negatives) seen[static_cast<size_t>(word)] += 1;
  const double sum = std::sqrt(1000.0) + std::sqrt(100.0) + std::sqrt(10.0);
  const double expected[] = {0.0, std::sqrt(1000.0) / sum, std::sqrt(100.0) / sum, std::sqrt(10.0) / sum};
  EXPECT_EQ(seen[0], 0);
  for (int word = 1; word < 4; ++word) {
    EXPECT_NEAR(static_cast<double>(seen[word]) / kDraws, expected[word], tolerance(expected[word])) << "word " << word;
  }
}

TEST(NegativeSampler, NeverDrawsTheTarget) {
  const NegativeSampler sampler({0, 1000, 100, 10});
  std::mt19937_64 generator(22);
  std::vector<int32_t> negatives(kDraws);
  sampler.draw(int32_t{1}, negatives.data(), kDraws, generator);

  int second = 0;
  for (int32_t word : negatives) {
    ASSERT_NE(word, 1);
    second += word == 2 ? 1 : 0;
  }
  // Without word 1, word 2 takes 31.62 / (31.62 + 5.62) of the draws.
  const double expected = std::pow(100.0, 0.75) / (std::pow(100.0, 0.75) + std::pow(10.0, 0.75));
  EXPECT_NEAR(static_cast<double>(second) / kDraws, expected, tolerance(expected));
}

TEST(NegativeSampler, RejectsFewerThanTwoWords) {
  EXPECT_THROW(NegativeSampler({0, 7, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace runner::language
