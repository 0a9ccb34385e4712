// Weight initialisation: distributions on large layers (statistical tolerances) and reproducibility.
#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {
namespace {

// The weight and bias of the only layer of a one-layer model.
struct Parameters {
  torch::Tensor weight;
  torch::Tensor bias;
};

Parameters build_parameters(const std::string& layer_yaml, const Shape& input_shape) {
  const auto root = config::ConfigNode::parse_string("model:\n  layers:\n    - " + layer_yaml + "\n", "test.yaml");
  const BuiltModel model = build_model(root.child("model"), input_shape);
  const auto named = model.net->named_parameters();
  const torch::Tensor* bias = named.find("0.bias");
  return {named["0.weight"], bias != nullptr ? *bias : torch::Tensor()};
}

double standard_deviation(const torch::Tensor& tensor) { return tensor.std().item<double>(); }

// Relative tolerance for a standard deviation estimated from at least ~18,000 samples, where
// the estimate's own relative error is about 1 / sqrt(2n) < 0.6%.
constexpr double kStdTolerance = 0.03;

TEST(WeightInit, KaimingNormalLinearStd) {
  torch::manual_seed(3);
  // fan_in 1024, 1024 * 512 samples: std sqrt(2 / 1024) = 0.0442
  const Parameters layer = build_parameters("{type: linear, out_features: 512, init: kaiming_normal}", {1024});
  const double expected = std::sqrt(2.0 / 1024);

  EXPECT_NEAR(standard_deviation(layer.weight), expected, kStdTolerance * expected);
  EXPECT_NEAR(layer.weight.mean().item<double>(), 0.0, 0.01 * expected);
}

TEST(WeightInit, KaimingNormalConvStd) {
  torch::manual_seed(4);
  // fan_in = in_channels * kernel area = 32 * 3 * 3 = 288, 64 * 288 = 18432 samples
  const Parameters layer =
      build_parameters("{type: conv2d, out_channels: 64, kernel_size: 3, init: kaiming_normal}", {32, 8, 8});
  const double expected = std::sqrt(2.0 / 288);

  EXPECT_NEAR(standard_deviation(layer.weight), expected, kStdTolerance * expected);
}

TEST(WeightInit, KaimingNormalTanhGain) {
  torch::manual_seed(5);
  // The tanh gain is 5/3: std = (5/3) / sqrt(fan_in).
  const Parameters layer =
      build_parameters("{type: linear, out_features: 512, init: kaiming_normal, init_nonlinearity: tanh}", {1024});
  const double expected = (5.0 / 3.0) / std::sqrt(1024.0);

  EXPECT_NEAR(standard_deviation(layer.weight), expected, kStdTolerance * expected);
}

TEST(WeightInit, KaimingUniformBound) {
  torch::manual_seed(6);
  const Parameters layer = build_parameters("{type: linear, out_features: 512, init: kaiming_uniform}", {1024});
  const double bound = std::sqrt(6.0 / 1024);  // gain sqrt(2) * sqrt(3 / fan_in)

  EXPECT_LE(layer.weight.abs().max().item<double>(), bound);
  EXPECT_GT(layer.weight.abs().max().item<double>(), 0.99 * bound);
  EXPECT_NEAR(standard_deviation(layer.weight), bound / std::sqrt(3.0), kStdTolerance * bound);
}

TEST(WeightInit, XavierNormalStd) {
  torch::manual_seed(7);
  const Parameters layer = build_parameters("{type: linear, out_features: 512, init: xavier_normal}", {1024});
  const double expected = std::sqrt(2.0 / (1024 + 512));

  EXPECT_NEAR(standard_deviation(layer.weight), expected, kStdTolerance * expected);
}

TEST(WeightInit, XavierUniformBound) {
  torch::manual_seed(8);
  const Parameters layer = build_parameters("{type: linear, out_features: 512, init: xavier_uniform}", {1024});
  const double bound = std::sqrt(6.0 / (1024 + 512));

  EXPECT_LE(layer.weight.abs().max().item<double>(), bound);
  EXPECT_GT(layer.weight.abs().max().item<double>(), 0.99 * bound);
}

TEST(WeightInit, DefaultKeepsLibtorchUniform) {
  torch::manual_seed(9);
  // LibTorch's linear default draws the weight from U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  const Parameters layer = build_parameters("{type: linear, out_features: 512}", {1024});
  const double bound = 1.0 / std::sqrt(1024.0);

  EXPECT_LE(layer.weight.abs().max().item<double>(), bound);
  EXPECT_NEAR(standard_deviation(layer.weight), bound / std::sqrt(3.0), kStdTolerance * bound);
}

TEST(WeightInit, ZerosWeightOnly) {
  torch::manual_seed(10);
  const Parameters layer = build_parameters("{type: conv2d, out_channels: 8, kernel_size: 3, init: zeros}", {4, 6, 6});

  EXPECT_EQ(layer.weight.count_nonzero().item<int64_t>(), 0);
  // The bias keeps LibTorch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = 4 * 9.
  ASSERT_TRUE(layer.bias.defined());
  EXPECT_EQ(layer.bias.count_nonzero().item<int64_t>(), 8);
  EXPECT_LE(layer.bias.abs().max().item<double>(), 1.0 / 6.0);
}

TEST(WeightInit, KaimingLeavesBiasDefault) {
  torch::manual_seed(11);
  const Parameters layer = build_parameters("{type: linear, out_features: 64, init: kaiming_normal}", {100});
  EXPECT_LE(layer.bias.abs().max().item<double>(), 0.1);  // 1 / sqrt(100)
  EXPECT_GT(layer.bias.abs().max().item<double>(), 0.05);
}

TEST(WeightInit, NoBiasWhenDisabled) {
  const Parameters layer = build_parameters("{type: linear, out_features: 4, bias: false, init: zeros}", {3});
  EXPECT_FALSE(layer.bias.defined());
  EXPECT_EQ(layer.weight.count_nonzero().item<int64_t>(), 0);
}

TEST(WeightInit, SameSeedSameWeights) {
  const std::string yaml = R"(model:
  layers:
    - {type: conv2d, out_channels: 6, kernel_size: 5, padding: 2, init: kaiming_normal}
    - maxpool2d
    - flatten
    - {type: linear, out_features: 10, init: xavier_uniform}
)";
  const auto build_with_seed = [&yaml](uint64_t seed) {
    torch::manual_seed(seed);
    const auto root = config::ConfigNode::parse_string(yaml, "test.yaml");
    return build_model(root.child("model"), {1, 28, 28});
  };
  const BuiltModel first = build_with_seed(42);
  const BuiltModel second = build_with_seed(42);
  const BuiltModel other = build_with_seed(43);

  const auto first_parameters = first.net->named_parameters();
  const auto second_parameters = second.net->named_parameters();
  const auto other_parameters = other.net->named_parameters();
  ASSERT_EQ(first_parameters.size(), 4u);
  for (const auto& item : first_parameters) {
    EXPECT_TRUE(torch::equal(item.value(), second_parameters[item.key()])) << item.key();
    EXPECT_FALSE(torch::equal(item.value(), other_parameters[item.key()])) << item.key();
  }
}

}  // namespace
}  // namespace runner::registry
