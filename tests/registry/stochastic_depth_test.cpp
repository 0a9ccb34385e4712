// Stochastic depth: drop rate, expected value, evaluation mode and the batch mode, under fixed seeds.
#include <string>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "graph_test_util.h"

namespace runner::registry {
namespace {

using testing::build_yaml;

BuiltModel build_stochastic_depth(const std::string& options, const Shape& input_shape) {
  return build_yaml("model:\n  layers:\n    - {type: stochastic_depth, " + options + "}\n", input_shape);
}

torch::Tensor forward_train(BuiltModel& model, const torch::Tensor& input) {
  model.net->train();
  torch::NoGradGuard no_grad;
  return model.net->forward(input);
}

TEST(StochasticDepth, RowDropRateMatchesP) {
  torch::manual_seed(11);
  BuiltModel model = build_stochastic_depth("p: 0.3", {4});
  const int64_t rows = 20000;
  const torch::Tensor output = forward_train(model, torch::ones({rows, 4}));

  // A row is dropped as a whole: all four values are 0, or all are 1 / (1 - p).
  const torch::Tensor dropped = (output == 0).all(1);
  const torch::Tensor kept = (output - 1.0 / 0.7).abs().lt(1e-5).all(1);
  EXPECT_EQ((dropped | kept).sum().item<int64_t>(), rows);

  // The standard error of the rate is sqrt(0.3 * 0.7 / 20000) = 0.0032; allow 5 of them.
  const double rate = dropped.to(torch::kDouble).mean().item<double>();
  EXPECT_NEAR(rate, 0.3, 0.016);
}

TEST(StochasticDepth, MeanOverDrawsEqualsInput) {
  torch::manual_seed(12);
  BuiltModel model = build_stochastic_depth("p: 0.4", {3});
  const torch::Tensor sample = torch::tensor({{1.5f, -2.0f, 0.5f}});
  const int64_t draws = 40000;
  const torch::Tensor output = forward_train(model, sample.expand({draws, 3}).contiguous());

  // Each draw is x / 0.6 or 0, so the mean has a standard error of |x| * sqrt(0.4 / 0.6 / 40000),
  // about 0.0041 |x|; allow 5 of them.
  const torch::Tensor mean = output.mean(0);
  for (int64_t i = 0; i < 3; ++i) {
    const double x = sample[0][i].item<double>();
    EXPECT_NEAR(mean[i].item<double>(), x, 0.021 * std::abs(x)) << i;
  }
}

TEST(StochasticDepth, EvalIsIdentity) {
  torch::manual_seed(13);
  BuiltModel model = build_stochastic_depth("p: 0.5", {2, 3});
  const torch::Tensor input = torch::randn({64, 2, 3});
  model.net->eval();
  const torch::Tensor first = model.net->forward(input);
  const torch::Tensor second = model.net->forward(input);
  EXPECT_TRUE(torch::equal(first, input));
  EXPECT_TRUE(torch::equal(second, input));
}

TEST(StochasticDepth, ZeroPIsIdentityInTraining) {
  BuiltModel model = build_stochastic_depth("p: 0.0", {5});
  const torch::Tensor input = torch::randn({32, 5});
  EXPECT_TRUE(torch::equal(forward_train(model, input), input));
}

TEST(StochasticDepth, BatchModeDropsAllOrNone) {
  torch::manual_seed(14);
  BuiltModel model = build_stochastic_depth("p: 0.5, mode: batch", {3});
  const torch::Tensor input = torch::rand({16, 3}) + 0.5;  // no zeros in the input
  int dropped = 0;
  const int draws = 400;
  for (int i = 0; i < draws; ++i) {
    const torch::Tensor output = forward_train(model, input);
    const bool all_dropped = (output == 0).all().item<bool>();
    const bool all_kept = torch::allclose(output, input * 2.0);
    EXPECT_TRUE(all_dropped || all_kept) << "draw " << i;
    dropped += all_dropped ? 1 : 0;
  }
  // Binomial(400, 0.5): standard deviation 10; allow 5 of them.
  EXPECT_NEAR(dropped, 200, 50);
}

TEST(StochasticDepth, InsideResidualKeepsShortcut) {
  torch::manual_seed(15);
  // A dropped body leaves the shortcut: the output is x or x + tanh(x) / (1 - p), per sample.
  BuiltModel model = build_yaml(R"(model:
  layers:
    - {type: residual, body: [tanh, {type: stochastic_depth, p: 0.5}]}
)",
                                {3});
  const torch::Tensor input = torch::randn({200, 3});
  const torch::Tensor output = forward_train(model, input);
  const torch::Tensor equals_input = (output - input).abs().lt(1e-6).all(1);
  const torch::Tensor equals_kept = (output - (input + 2.0 * torch::tanh(input))).abs().lt(1e-5).all(1);
  EXPECT_EQ((equals_input | equals_kept).sum().item<int64_t>(), 200);
  EXPECT_GT(equals_input.sum().item<int64_t>(), 50);
  EXPECT_GT(equals_kept.sum().item<int64_t>(), 50);
}

TEST(StochasticDepth, POfOneRejected) {
  const std::string message = testing::build_error("model:\n  layers:\n    - {type: stochastic_depth, p: 1}\n", {3});
  testing::expect_contains(message, "model.layers[0].p: must be in [0, 1), got 1");
}

}  // namespace
}  // namespace runner::registry
