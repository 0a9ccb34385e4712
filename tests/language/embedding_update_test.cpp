// The hand-written negative-sampling SGD step against values derived by hand and against autograd.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "runner/language/word2vec_negative_sampling_loss.h"
#include "runner/language/word2vec_update.h"

namespace runner::language {
namespace {

// Two-dimensional rows with scores of exactly 0, so every sigmoid is 1/2:
// h = (1, 0), target u_0 = (0, 1), negative u_1 = (0, -2), learning rate 0.1.
// Steps: target (1 - 1/2) * 0.1 = 0.05, negative (0 - 1/2) * 0.1 = -0.05.
// hidden step = 0.05 * u_0 - 0.05 * u_1 = (0, 0.15); u_0 += 0.05 h; u_1 -= 0.05 h.
// Loss = -log(1/2) - log(1/2) = 2 log 2.
TEST(NegativeSamplingStep, ZeroScoresMatchHandValues) {
  const std::vector<float> hidden = {1.0f, 0.0f};
  std::vector<float> output = {0.0f, 1.0f, 0.0f, -2.0f};
  std::vector<float> hidden_step = {0.0f, 0.0f};
  const std::vector<int32_t> negatives = {1};

  const float loss = negative_sampling_step(hidden.data(), hidden_step.data(), output.data(), 2, 0, negatives.data(),
                                            1, 0.1f);

  EXPECT_NEAR(loss, 2.0 * std::log(2.0), 1e-6);
  EXPECT_NEAR(hidden_step[0], 0.0f, 1e-7);
  EXPECT_NEAR(hidden_step[1], 0.15f, 1e-7);
  EXPECT_NEAR(output[0], 0.05f, 1e-7);
  EXPECT_NEAR(output[1], 1.0f, 1e-7);
  EXPECT_NEAR(output[2], -0.05f, 1e-7);
  EXPECT_NEAR(output[3], -2.0f, 1e-7);
}

// Scores ln 3 and -ln 3, so sigmoid(target) = 3/4 and sigmoid(negative) = 1/4:
// h = (2, 0), u_0 = (ln3 / 2, 0), u_1 = (-ln3 / 2, 5), learning rate 1.
// Steps: target 1 - 3/4 = 1/4, negative 0 - 1/4 = -1/4.
// hidden step = (u_0 - u_1) / 4 = (ln3 / 4, -5/4); u_0 += h / 4; u_1 -= h / 4.
// Loss = -log(3/4) - log(3/4).
TEST(NegativeSamplingStep, NonzeroScoresMatchHandValues) {
  const float half_log3 = static_cast<float>(std::log(3.0) / 2.0);
  const std::vector<float> hidden = {2.0f, 0.0f};
  std::vector<float> output = {half_log3, 0.0f, -half_log3, 5.0f};
  std::vector<float> hidden_step = {0.0f, 0.0f};
  const std::vector<int32_t> negatives = {1};

  const float loss = negative_sampling_step(hidden.data(), hidden_step.data(), output.data(), 2, 0, negatives.data(),
                                            1, 1.0f);

  EXPECT_NEAR(loss, -2.0 * std::log(0.75), 1e-6);
  EXPECT_NEAR(hidden_step[0], std::log(3.0) / 4.0, 1e-6);
  EXPECT_NEAR(hidden_step[1], -1.25, 1e-6);
  EXPECT_NEAR(output[0], half_log3 + 0.5f, 1e-6);
  EXPECT_NEAR(output[1], 0.0f, 1e-6);
  EXPECT_NEAR(output[2], -half_log3 - 0.5f, 1e-6);
  EXPECT_NEAR(output[3], 5.0f, 1e-6);
}

// With distinct rows the hand-written step is exactly one SGD step on the autograd gradient of
// negative_sampling_loss.
TEST(NegativeSamplingStep, EqualsAutogradSgdStep) {
  torch::manual_seed(7);
  const int64_t dim = 10;
  const float learning_rate = 0.3f;
  const torch::Tensor hidden = torch::randn({1, dim}).requires_grad_(true);
  const torch::Tensor output = torch::randn({5, dim}).requires_grad_(true);
  const torch::Tensor targets = torch::tensor({2}, torch::kInt64);
  const torch::Tensor negatives = torch::tensor({{0, 4, 1}}, torch::kInt64);

  const torch::Tensor reference_loss = negative_sampling_loss(hidden, output, targets, negatives);
  reference_loss.backward();

  std::vector<float> hidden_values(hidden.data_ptr<float>(), hidden.data_ptr<float>() + dim);
  std::vector<float> output_values(output.data_ptr<float>(), output.data_ptr<float>() + 5 * dim);
  std::vector<float> hidden_step(dim, 0.0f);
  const std::vector<int32_t> negative_ids = {0, 4, 1};
  const float loss = negative_sampling_step(hidden_values.data(), hidden_step.data(), output_values.data(), dim, 2,
                                            negative_ids.data(), 3, learning_rate);

  EXPECT_NEAR(loss, reference_loss.item<float>(), 1e-5);
  const torch::Tensor expected_hidden_step = -learning_rate * hidden.grad()[0];
  const torch::Tensor expected_output = output.detach() - learning_rate * output.grad();
  for (int64_t i = 0; i < dim; ++i) {
    EXPECT_NEAR(hidden_step[i], expected_hidden_step[i].item<float>(), 1e-5) << "hidden step, index " << i;
  }
  for (int64_t i = 0; i < 5 * dim; ++i) {
    EXPECT_NEAR(output_values[i], expected_output.flatten()[i].item<float>(), 1e-5) << "output value " << i;
  }
}

TEST(NegativeLogSigmoid, StaysFiniteForLargeScores) {
  EXPECT_NEAR(negative_log_sigmoid(0.0f), std::log(2.0), 1e-7);
  EXPECT_NEAR(negative_log_sigmoid(-200.0f), 200.0f, 1e-3);
  EXPECT_NEAR(negative_log_sigmoid(200.0f), 0.0f, 1e-7);
  EXPECT_NEAR(negative_log_sigmoid(-1.0f), std::log1p(std::exp(1.0)), 1e-6);
}

TEST(Dot, SumsEveryElementForUnevenLengths) {
  std::vector<float> a(19), b(19);
  double expected = 0.0;
  for (int i = 0; i < 19; ++i) {
    a[i] = 0.5f * static_cast<float>(i);
    b[i] = static_cast<float>(i % 3) - 1.0f;
    expected += static_cast<double>(a[i]) * b[i];
  }
  EXPECT_NEAR(dot(a.data(), b.data(), 19), expected, 1e-5);
  EXPECT_NEAR(dot(a.data(), b.data(), 3), 0.0 * -1.0 + 0.5 * 0.0 + 1.0 * 1.0, 1e-7);
}

}  // namespace
}  // namespace runner::language
