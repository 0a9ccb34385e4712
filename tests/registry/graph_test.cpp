// Containers: residual, parallel and sequential, checked by shape, parameter count and value.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "graph_test_util.h"

namespace runner::registry {
namespace {

using testing::build_error;
using testing::build_yaml;
using testing::expect_contains;
using testing::forward_eval;

std::vector<std::string> paths(const BuiltModel& model) {
  std::vector<std::string> result;
  for (const LayerSummary& row : model.all_layers) result.push_back(row.path);
  return result;
}

int64_t sum_own_counts(const BuiltModel& model) {
  int64_t sum = 0;
  for (const LayerSummary& row : model.all_layers) sum += row.own_parameter_count;
  return sum;
}

TEST(ResidualGraph, IdentityShortcutWithZeroBody) {
  torch::manual_seed(0);
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body:
        - {type: conv2d, out_channels: 3, kernel_size: 3, padding: 1, bias: false, init: zeros}
)",
                                {3, 5, 5});
  EXPECT_EQ(model.output_shape, (Shape{3, 5, 5}));
  EXPECT_EQ(model.parameter_count, 3 * 3 * 9);
  EXPECT_EQ(model.all_layers[0].own_parameter_count, 0);  // no shortcut convolution

  const torch::Tensor input = torch::randn({2, 3, 5, 5});
  EXPECT_TRUE(torch::equal(forward_eval(model, input), input));
}

TEST(ResidualGraph, OutputIsBodyPlusInput) {
  BuiltModel model = build_yaml("model:\n  layers:\n    - {type: residual, body: [tanh]}\n", {4});
  const torch::Tensor input = torch::randn({3, 4});
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), torch::tanh(input) + input));
}

TEST(ResidualGraph, ConvShortcutOnStride) {
  torch::manual_seed(1);
  // Body: (4, 8, 8) -> conv 3x3 stride 2 padding 1 -> (6, 4, 4). Shortcut: 1x1 conv 4 -> 6, stride 2.
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body:
        - {type: conv2d, out_channels: 6, kernel_size: 3, stride: 2, padding: 1, bias: false, init: zeros}
)",
                                {4, 8, 8});
  EXPECT_EQ(model.output_shape, (Shape{6, 4, 4}));
  EXPECT_EQ(model.parameter_count, 6 * 4 * 9 + (6 * 4 + 6));  // body weight, shortcut weight and bias
  ASSERT_EQ(model.all_layers.size(), 2u);
  EXPECT_EQ(model.all_layers[0].own_parameter_count, 30);
  EXPECT_EQ(model.all_layers[1].own_parameter_count, 216);
  EXPECT_EQ(sum_own_counts(model), model.parameter_count);

  // With the body at zero, the output is the shortcut convolution alone.
  auto parameters = model.net->named_parameters();
  const torch::Tensor weight = parameters["0.shortcut.weight"];
  const torch::Tensor bias = parameters["0.shortcut.bias"];
  EXPECT_EQ(weight.sizes().vec(), (std::vector<int64_t>{6, 4, 1, 1}));
  const torch::Tensor input = torch::randn({2, 4, 8, 8});
  const torch::Tensor expected = torch::conv2d(input, weight, bias, /*stride=*/2);
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), expected, 1e-5, 1e-6));
}

TEST(ResidualGraph, ConvShortcutOnChannels) {
  // (4, 8, 8) -> (6, 8, 8): the shortcut keeps stride 1.
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body: [{type: conv2d, out_channels: 6, kernel_size: 3, padding: 1}]
)",
                                {4, 8, 8});
  EXPECT_EQ(model.output_shape, (Shape{6, 8, 8}));
  EXPECT_EQ(model.parameter_count, (6 * 4 * 9 + 6) + (6 * 4 + 6));
  EXPECT_EQ(forward_eval(model, torch::randn({2, 4, 8, 8})).sizes().vec(), (std::vector<int64_t>{2, 6, 8, 8}));
}

TEST(ResidualGraph, ConvShortcutOnOddSize) {
  // (2, 7, 7) -> conv 3x3 stride 2 padding 1 -> (2, 4, 4); a 1x1 stride-2 conv also gives 4.
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body: [{type: conv2d, out_channels: 2, kernel_size: 3, stride: 2, padding: 1}]
)",
                                {2, 7, 7});
  EXPECT_EQ(model.output_shape, (Shape{2, 4, 4}));
  EXPECT_EQ(forward_eval(model, torch::randn({1, 2, 7, 7})).sizes().vec(), (std::vector<int64_t>{1, 2, 4, 4}));
}

TEST(ResidualGraph, ExplicitShortcutList) {
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body: [{type: conv2d, out_channels: 6, kernel_size: 3, stride: 2, padding: 1}]
      shortcut:
        - {type: avgpool2d, kernel_size: 2}
        - {type: conv2d, out_channels: 6, kernel_size: 1, bias: false}
)",
                                {4, 8, 8});
  EXPECT_EQ(model.output_shape, (Shape{6, 4, 4}));
  const std::vector<std::string> expected = {"model.layers[0]", "model.layers[0].body[0]",
                                             "model.layers[0].shortcut[0]", "model.layers[0].shortcut[1]"};
  EXPECT_EQ(paths(model), expected);
  EXPECT_EQ(model.parameter_count, (6 * 4 * 9 + 6) + 6 * 4);
  EXPECT_EQ(model.all_layers[0].own_parameter_count, 0);
  EXPECT_EQ(model.all_layers[3].own_parameter_count, 24);
  EXPECT_EQ(forward_eval(model, torch::randn({2, 4, 8, 8})).sizes().vec(), (std::vector<int64_t>{2, 6, 4, 4}));
}

TEST(ResidualGraph, EmptyShortcutIsIdentity) {
  BuiltModel model = build_yaml("model:\n  layers:\n    - {type: residual, body: [sigmoid], shortcut: []}\n", {3});
  const torch::Tensor input = torch::randn({2, 3});
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), torch::sigmoid(input) + input));
}

TEST(ResidualGraph, ActivationAfterSum) {
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: residual
      body: [{type: linear, out_features: 4, init: zeros, bias: false}]
      activation: relu
)",
                                {4});
  // The body gives 0, so the output is relu(0 + x): negative inputs become 0.
  const torch::Tensor input = torch::tensor({{-1.0f, 2.0f, -3.0f, 4.0f}});
  const torch::Tensor output = forward_eval(model, input);
  EXPECT_TRUE(torch::equal(output, torch::relu(input)));
  EXPECT_EQ(output[0][0].item<float>(), 0.0f);
}

TEST(ResidualGraph, ExplicitShortcutShapeMismatch) {
  const std::string message = build_error(R"(model:
  layers:
    - type: residual
      body: [{type: conv2d, out_channels: 6, kernel_size: 3, padding: 1}]
      shortcut: [relu]
)",
                                          {4, 8, 8});
  expect_contains(message, "model.layers[0].shortcut: residual on input (4, 8, 8)");
  expect_contains(message, "the body outputs (6, 8, 8) but the shortcut outputs (4, 8, 8)");
}

TEST(ResidualGraph, AutoShortcutImpossible) {
  const std::string message =
      build_error("model:\n  layers:\n    - {type: residual, body: [{type: linear, out_features: 3}]}\n", {5});
  expect_contains(message, "graph.yaml:3:7: model.layers[0].shortcut: residual on input (5): the body outputs (3)");
  expect_contains(message, "give an explicit shortcut list");
}

TEST(ResidualGraph, UnknownKeyBeforeMissingBody) {
  const std::string message = build_error("model:\n  layers:\n    - {type: residual, bdy: [relu]}\n", {5});
  expect_contains(message, "model.layers[0].bdy: unknown key");
  expect_contains(message, "did you mean 'body'?");

  const std::string missing = build_error("model:\n  layers:\n    - {type: residual}\n", {5});
  expect_contains(missing, "model.layers[0].body: missing required list");
}

TEST(ResidualGraph, UnknownActivation) {
  const std::string message =
      build_error("model:\n  layers:\n    - {type: residual, body: [relu], activation: rleu}\n", {5});
  expect_contains(message, "model.layers[0].activation: unknown value 'rleu'");
  expect_contains(message, "did you mean 'relu'?");
}

TEST(ParallelGraph, SumValues) {
  BuiltModel model = build_yaml("model:\n  layers:\n    - {type: parallel, join: sum, branches: [[relu], [tanh]]}\n",
                                {2, 3});
  EXPECT_EQ(model.output_shape, (Shape{2, 3}));
  const torch::Tensor input = torch::randn({4, 2, 3});
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), torch::relu(input) + torch::tanh(input)));
}

TEST(ParallelGraph, ConcatShapesAndValues) {
  BuiltModel model = build_yaml(R"(model:
  layers:
    - type: parallel
      join: concat
      branches:
        - [{type: conv2d, out_channels: 3, kernel_size: 1}]
        - []
        - [sigmoid]
)",
                                {2, 4, 4});
  EXPECT_EQ(model.output_shape, (Shape{7, 4, 4}));
  EXPECT_EQ(model.parameter_count, 3 * 2 + 3);
  const torch::Tensor input = torch::randn({2, 2, 4, 4});
  const torch::Tensor output = forward_eval(model, input);
  ASSERT_EQ(output.sizes().vec(), (std::vector<int64_t>{2, 7, 4, 4}));
  EXPECT_TRUE(torch::equal(output.slice(1, 3, 5), input));  // the empty branch passes the input through
  EXPECT_TRUE(torch::allclose(output.slice(1, 5, 7), torch::sigmoid(input)));

  const std::vector<std::string> expected = {"model.layers[0]", "model.layers[0].branches[0][0]",
                                             "model.layers[0].branches[2][0]"};
  EXPECT_EQ(paths(model), expected);
}

TEST(ParallelGraph, SumShapeMismatch) {
  const std::string message = build_error(R"(model:
  layers:
    - type: parallel
      join: sum
      branches: [[{type: linear, out_features: 3}], [{type: linear, out_features: 4}]]
)",
                                          {5});
  expect_contains(message, "model.layers[0].branches: parallel on input (5)");
  expect_contains(message, "join sum needs equal output shapes, got (3) from branches[0] and (4) from branches[1]");
}

TEST(ParallelGraph, ConcatMismatch) {
  const std::string message = build_error(R"(model:
  layers:
    - type: parallel
      join: concat
      branches: [[], [maxpool2d]]
)",
                                          {2, 4, 4});
  expect_contains(message, "join concat needs equal shapes after the first dimension, got (2, 4, 4) from branches[0] "
                           "and (2, 2, 2) from branches[1]");
}

TEST(ParallelGraph, JoinRequiredAndBranchMustBeList) {
  expect_contains(build_error("model:\n  layers:\n    - {type: parallel, branches: [[relu]]}\n", {3}),
                  "model.layers[0].join: missing required value");
  expect_contains(build_error("model:\n  layers:\n    - {type: parallel, join: sum, branches: [relu]}\n", {3}),
                  "model.layers[0].branches[0]: a branch must be a list of layers");
}

TEST(SequentialGraph, NestedPathsAndDepth) {
  BuiltModel model = build_yaml(R"(model:
  layers:
    - {type: sequential, layers: [relu, {type: sequential, layers: [flatten]}]}
    - {type: linear, out_features: 3}
)",
                                {2, 2});
  const std::vector<std::string> expected = {"model.layers[0]", "model.layers[0].layers[0]",
                                             "model.layers[0].layers[1]", "model.layers[0].layers[1].layers[0]",
                                             "model.layers[1]"};
  EXPECT_EQ(paths(model), expected);
  const std::vector<int> depths = {0, 1, 1, 2, 0};
  for (size_t i = 0; i < depths.size(); ++i) EXPECT_EQ(model.all_layers[i].depth, depths[i]) << i;
  EXPECT_TRUE(model.all_layers[0].container);
  EXPECT_FALSE(model.all_layers[1].container);
  EXPECT_EQ(model.all_layers[0].output_shape, (Shape{4}));
  EXPECT_EQ(model.all_layers[3].output_numel, 4);

  ASSERT_EQ(model.layers.size(), 2u);
  EXPECT_EQ(model.layers[0].type, "sequential");
  EXPECT_EQ(model.layers[1].parameter_count, 4 * 3 + 3);
  EXPECT_EQ(forward_eval(model, torch::randn({5, 2, 2})).sizes().vec(), (std::vector<int64_t>{5, 3}));
}

TEST(SequentialGraph, EmptyLayersRejected) {
  expect_contains(build_error("model:\n  layers:\n    - {type: sequential, layers: []}\n", {3}),
                  "model.layers[0].layers: must contain at least one layer");
}

TEST(FlatModel, SummaryRowsMatchLayers) {
  const BuiltModel model = build_yaml("model:\n  layers: [flatten, {type: linear, out_features: 2}, relu]\n", {2, 3});
  ASSERT_EQ(model.all_layers.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(model.all_layers[i].path, model.layers[i].path);
    EXPECT_EQ(model.all_layers[i].depth, 0);
    EXPECT_EQ(model.all_layers[i].own_parameter_count, model.layers[i].parameter_count);
  }
  EXPECT_EQ(model.all_layers[1].output_numel, 2);
}

}  // namespace
}  // namespace runner::registry
