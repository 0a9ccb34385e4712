// Blocks from model.define and repeat: arguments, defaults, scopes, recursion and error paths.
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

// A conv block with a required channel count and a default stride.
const std::string kConvBlock = R"(model:
  define:
    conv_bn:
      params: {channels: null, stride: 1}
      layers:
        - {type: conv2d, out_channels: $channels, kernel_size: 3, padding: 1, stride: $stride}
        - batchnorm2d
)";

// The dropout probability of every dropout module of `model`, in forward order.
std::vector<double> dropout_probabilities(const BuiltModel& model) {
  std::vector<double> probabilities;
  for (const auto& module : model.net->modules(/*include_self=*/false)) {
    if (const auto* dropout = dynamic_cast<const torch::nn::DropoutImpl*>(module.get())) {
      probabilities.push_back(dropout->options.p());
    }
  }
  return probabilities;
}

TEST(ModelBlocks, ArgumentsAndDefaults) {
  BuiltModel model = build_yaml(kConvBlock + R"(  layers:
    - {type: conv_bn, channels: 4}
    - {type: conv_bn, channels: 8, stride: 2}
)",
                                {3, 8, 8});
  ASSERT_EQ(model.layers.size(), 2u);
  EXPECT_EQ(model.layers[0].type, "conv_bn");
  EXPECT_EQ(model.layers[0].output_shape, (Shape{4, 8, 8}));
  EXPECT_EQ(model.layers[1].output_shape, (Shape{8, 4, 4}));
  // conv 3->4: 4*3*9 + 4 = 112, bn 8; conv 4->8: 8*4*9 + 8 = 296, bn 16.
  EXPECT_EQ(model.layers[0].parameter_count, 120);
  EXPECT_EQ(model.layers[1].parameter_count, 312);
  EXPECT_EQ(model.all_layers[1].path, "model.layers[0] -> define.conv_bn.layers[0]");
  EXPECT_EQ(model.all_layers[1].depth, 1);
  EXPECT_EQ(forward_eval(model, torch::randn({2, 3, 8, 8})).sizes().vec(), (std::vector<int64_t>{2, 8, 4, 4}));
}

TEST(ModelBlocks, RequiredArgumentMissing) {
  const std::string message = build_error(kConvBlock + "  layers:\n    - {type: conv_bn, stride: 2}\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].channels: missing required argument of block 'conv_bn'");
  expect_contains(message, "block 'conv_bn' takes: channels (required), stride = 1");
}

TEST(ModelBlocks, BareNameWithRequiredArgument) {
  const std::string message = build_error(kConvBlock + "  layers: [conv_bn]\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].channels: missing required argument of block 'conv_bn'");
}

TEST(ModelBlocks, UnknownArgumentSuggests) {
  const std::string message = build_error(kConvBlock + "  layers:\n    - {type: conv_bn, chanels: 4}\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].chanels: unknown key");
  expect_contains(message, "did you mean 'channels'?");
}

TEST(ModelBlocks, SelfRecursionRejected) {
  const std::string message = build_error(R"(model:
  define:
    loop:
      layers: [relu, loop]
  layers: [loop]
)",
                                          {3});
  expect_contains(message, "model.layers[0] -> define.loop.layers[1]: block 'loop' uses itself: loop -> loop");
}

TEST(ModelBlocks, MutualRecursionRejected) {
  const std::string message = build_error(R"(model:
  define:
    first:
      layers: [relu, {type: second}]
    second:
      layers: [{type: residual, body: [first]}]
  layers: [first]
)",
                                          {3});
  expect_contains(message, "block 'first' uses itself: first -> second -> first");
  expect_contains(message, "model.layers[0] -> define.first.layers[1] -> define.second.layers[0].body[0]");
}

TEST(ModelBlocks, NameShadowingLayerRejected) {
  const std::string message = build_error("model:\n  define:\n    relu:\n      layers: [tanh]\n  layers: [relu]\n", {3});
  expect_contains(message, "model.define.relu: block name 'relu' is already a built-in layer type");

  const std::string container =
      build_error("model:\n  define:\n    residual:\n      layers: [tanh]\n  layers: [relu]\n", {3});
  expect_contains(container, "block name 'residual' is already a built-in layer type");
}

TEST(ModelBlocks, UnknownTypeListsLayersAndBlocks) {
  const std::string message = build_error(kConvBlock + "  layers:\n    - {type: conv_nb, channels: 4}\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].type: unknown layer type 'conv_nb'");
  expect_contains(message, "did you mean 'conv_bn'?");
  expect_contains(message, "valid names: linear, conv2d,");
  expect_contains(message, "sequential, residual, parallel, repeat; blocks: conv_bn");
}

TEST(ModelBlocks, BodySeesOnlyItsArgumentsAndVariables) {
  // The block's layers see the model variables and the block's params, not the caller's `index`.
  const std::string message = build_error(R"(model:
  define:
    scaled:
      params: {size: null}
      layers: [{type: linear, out_features: "${size + index}"}]
  layers:
    - {type: repeat, times: 2, layers: [{type: scaled, size: 3}]}
)",
                                          {4});
  expect_contains(message, "undefined name 'index'");
  expect_contains(message, "visible names: size = 3");
}

TEST(ModelBlocks, ArgumentShadowsVariable) {
  const BuiltModel model = build_yaml(R"(model:
  size: 7
  define:
    sized:
      params: {size: 2}
      layers: [{type: linear, out_features: $size}]
  layers:
    - {type: linear, out_features: $size}
    - sized
)",
                                      {4});
  EXPECT_EQ(model.layers[0].output_shape, (Shape{7}));
  EXPECT_EQ(model.layers[1].output_shape, (Shape{2}));
}

TEST(ModelBlocks, DefaultMayUseVariables) {
  const BuiltModel model = build_yaml(R"(model:
  width: 5
  define:
    wide:
      params: {features: "${width * 2}"}
      layers: [{type: linear, out_features: $features}]
  layers: [wide]
)",
                                      {4});
  EXPECT_EQ(model.output_shape, (Shape{10}));
}

TEST(ModelBlocks, ErrorPathNamesRepetitionAndDefinition) {
  const std::string message = build_error(kConvBlock + R"(  layers:
    - {type: repeat, times: 4, layers: [{type: conv_bn, channels: 2, stride: "${2 - index}"}]}
)",
                                          {3, 16, 16});
  // index 2 gives stride 0, which the conv2d rejects inside the block.
  expect_contains(message, "graph.yaml:6:");
  expect_contains(message,
                  "model.layers[0].layers[0] (repeat 3 of 4) -> define.conv_bn.layers[0].stride: must be >= 1, got 0 "
                  "(from '$stride')");
}

TEST(ModelBlocks, BlockWithoutLayersRejected) {
  const std::string message = build_error("model:\n  define:\n    empty:\n      params: {a: 1}\n  layers: [relu]\n", {3});
  expect_contains(message, "model.define.empty.layers: missing required list");

  const std::string misspelt =
      build_error("model:\n  define:\n    blk:\n      param: {a: 1}\n      layers: [relu]\n  layers: [blk]\n", {3});
  expect_contains(misspelt, "model.define.blk.param: unknown key");
  expect_contains(misspelt, "did you mean 'params'?");
}

TEST(RepeatGraph, TimesFromVariable) {
  const BuiltModel model = build_yaml(R"(model:
  blocks: 3
  layers:
    - {type: repeat, times: $blocks, layers: [{type: linear, out_features: 4}, relu]}
)",
                                      {4});
  ASSERT_EQ(model.all_layers.size(), 7u);  // the repeat and 3 x 2 layers
  EXPECT_EQ(model.parameter_count, 3 * (4 * 4 + 4));  // each copy has its own weights
  EXPECT_EQ(model.all_layers[1].path, "model.layers[0].layers[0] (repeat 1 of 3)");
  EXPECT_EQ(model.all_layers[6].path, "model.layers[0].layers[1] (repeat 3 of 3)");
}

TEST(RepeatGraph, IndexAndCountInExpression) {
  const BuiltModel model = build_yaml(R"(model:
  layers:
    - {type: repeat, times: 5, layers: [{type: dropout, p: "${index / (2 * count)}"}]}
)",
                                      {4});
  const std::vector<double> expected = {0.0, 0.1, 0.2, 0.3, 0.4};
  EXPECT_EQ(dropout_probabilities(model), expected);
}

TEST(RepeatGraph, NestedRepeatShadowsIndex) {
  // The inner index shadows the outer one; out_features = 1 + inner index.
  const BuiltModel model = build_yaml(R"(model:
  layers:
    - type: repeat
      times: 2
      layers:
        - {type: repeat, times: 2, layers: [{type: linear, out_features: "${1 + index}"}]}
)",
                                      {3});
  std::vector<Shape> shapes;
  for (const LayerSummary& row : model.all_layers) {
    if (!row.container) shapes.push_back(row.output_shape);
  }
  EXPECT_EQ(shapes, (std::vector<Shape>{{1}, {2}, {1}, {2}}));
}

TEST(RepeatGraph, ZeroTimesIsIdentity) {
  BuiltModel model = build_yaml(R"(model:
  extra: 0
  layers:
    - {type: repeat, times: $extra, layers: [{type: linear, out_features: 4}]}
    - flatten
)",
                                {2, 3});
  EXPECT_EQ(model.parameter_count, 0);
  EXPECT_EQ(model.layers[0].output_shape, (Shape{2, 3}));
  const torch::Tensor input = torch::randn({2, 2, 3});
  EXPECT_TRUE(torch::equal(forward_eval(model, input), input.reshape({2, 6})));
}

TEST(RepeatGraph, NegativeTimesRejected) {
  const std::string message = build_error(R"(model:
  blocks: 1
  layers:
    - {type: repeat, times: "${blocks - 2}", layers: [relu]}
)",
                                          {4});
  expect_contains(message, "model.layers[0].times: must be >= 0, got -1 (from '${blocks - 2}')");
}

}  // namespace
}  // namespace runner::registry
