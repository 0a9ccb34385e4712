// Temperature and top-k sampling of the next token.
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "runner/language/sampling.h"

namespace runner::language {
namespace {

// Draws `count` tokens from one row of logits and returns how often each id came up.
std::vector<int64_t> histogram(const torch::Tensor& logits, const SamplingOptions& options, int64_t count,
                               uint64_t seed) {
  at::Generator generator = at::detail::createCPUGenerator(seed);
  const torch::Tensor rows = logits.unsqueeze(0).repeat({count, 1});  // (count, vocabulary)
  const torch::Tensor ids = sample_next_tokens(rows, options, generator);
  std::vector<int64_t> counts(logits.size(0), 0);
  for (int64_t i = 0; i < count; ++i) ++counts[ids[i].item<int64_t>()];
  return counts;
}

const torch::Tensor kLogits = torch::tensor({0.0F, 1.0F, 2.0F, 0.5F});

TEST(NextTokenSampling, TopOneIsArgmax) {
  SamplingOptions options;
  options.top_k = 1;
  EXPECT_EQ(histogram(kLogits, options, 200, 1), (std::vector<int64_t>{0, 0, 200, 0}));
}

TEST(NextTokenSampling, TopTwoExcludesTheRest) {
  SamplingOptions options;
  options.top_k = 2;
  const std::vector<int64_t> counts = histogram(kLogits, options, 4000, 2);
  EXPECT_EQ(counts[0], 0);
  EXPECT_EQ(counts[3], 0);
  // Renormalized over ids 1 and 2: p(2) = e^2 / (e^1 + e^2) = 0.731.
  EXPECT_NEAR(static_cast<double>(counts[2]) / 4000.0, 0.731, 0.03);
}

TEST(NextTokenSampling, FrequenciesFollowSoftmax) {
  const std::vector<int64_t> counts = histogram(kLogits, SamplingOptions{}, 20000, 3);
  const torch::Tensor expected = torch::softmax(kLogits, 0);
  for (int64_t id = 0; id < 4; ++id) {
    EXPECT_NEAR(static_cast<double>(counts[id]) / 20000.0, expected[id].item<double>(), 0.015) << "id " << id;
  }
}

TEST(NextTokenSampling, LowTemperatureSharpens) {
  SamplingOptions options;
  options.temperature = 0.05;  // logits 0, 20, 40, 10: id 2 wins all but e^-20 of the mass
  EXPECT_EQ(histogram(kLogits, options, 500, 4)[2], 500);

  options.temperature = 100.0;  // nearly uniform
  const std::vector<int64_t> counts = histogram(kLogits, options, 8000, 5);
  for (int64_t id = 0; id < 4; ++id) EXPECT_NEAR(static_cast<double>(counts[id]) / 8000.0, 0.25, 0.025);
}

TEST(NextTokenSampling, SameSeedSameDraws) {
  EXPECT_EQ(histogram(kLogits, SamplingOptions{}, 50, 9), histogram(kLogits, SamplingOptions{}, 50, 9));
  at::Generator first = at::detail::createCPUGenerator(7);
  at::Generator second = at::detail::createCPUGenerator(7);
  const torch::Tensor rows = kLogits.unsqueeze(0).repeat({30, 1});
  EXPECT_TRUE(torch::equal(sample_next_tokens(rows, {}, first), sample_next_tokens(rows, {}, second)));
}

}  // namespace
}  // namespace runner::language
