// Model variables and expressions inside a config: values, and errors at the value's file:line.
#include <string>

#include <gtest/gtest.h>

#include "graph_test_util.h"

namespace runner::registry {
namespace {

using testing::build_error;
using testing::build_yaml;
using testing::expect_contains;

TEST(ModelVariables, ExpressionsSetLayerValues) {
  const BuiltModel model = build_yaml(R"(model:
  width: 6
  half: "${width // 2}"
  layers:
    - {type: linear, out_features: $width}
    - {type: linear, out_features: "${half + 1}"}
)",
                                      {5});
  ASSERT_EQ(model.all_layers.size(), 2u);
  EXPECT_EQ(model.all_layers[0].output_shape, (Shape{6}));
  EXPECT_EQ(model.all_layers[1].output_shape, (Shape{4}));
}

TEST(ModelVariables, OrderInFileDoesNotMatter) {
  // half refers to blocks, which comes later; the resolved config stores keys sorted anyway.
  const BuiltModel model = build_yaml(R"(model:
  half: "${(blocks - 2) // 2}"
  blocks: 8
  layers:
    - {type: linear, out_features: $half}
)",
                                      {5});
  EXPECT_EQ(model.output_shape, (Shape{3}));
}

TEST(ModelVariables, StringVariableAsChoice) {
  const BuiltModel model = build_yaml(R"(model:
  scheme: zeros
  layers:
    - {type: linear, out_features: 3, init: $scheme}
)",
                                      {4});
  const torch::Tensor weight = model.net->named_parameters()["0.weight"];
  EXPECT_EQ(weight.abs().sum().item<double>(), 0.0);
}

TEST(ModelVariables, PairWithExpression) {
  const BuiltModel model = build_yaml(R"(model:
  k: 3
  layers:
    - {type: conv2d, out_channels: 2, kernel_size: [$k, 1]}
)",
                                      {1, 8, 8});
  EXPECT_EQ(model.output_shape, (Shape{2, 6, 8}));
}

TEST(ModelVariables, UndefinedNameListsVisible) {
  const std::string message = build_error(R"(model:
  width: 8
  layers:
    - {type: linear, out_features: "${widht * 2}"}
)",
                                          {4});
  expect_contains(message, "graph.yaml:4:36: model.layers[0].out_features: undefined name 'widht' at column 1");
  expect_contains(message, "in '${widht * 2}'");
  expect_contains(message, "did you mean 'width'?");
  expect_contains(message, "visible names: width = 8");
}

TEST(ModelVariables, SyntaxErrorHasColumn) {
  const std::string message = build_error(R"(model:
  width: 8
  layers:
    - {type: linear, out_features: "${width *}"}
)",
                                          {4});
  expect_contains(message, "graph.yaml:4:");
  expect_contains(message, "model.layers[0].out_features: invalid expression '${width *}'");
  expect_contains(message, "at column 8");
  expect_contains(message, "visible names: width = 8");
}

TEST(ModelVariables, DivisionByZero) {
  const std::string message = build_error(R"(model:
  width: 8
  layers:
    - {type: linear, out_features: "${width // (width - 8)}"}
)",
                                          {4});
  expect_contains(message, "model.layers[0].out_features: evaluating '${width // (width - 8)}' failed");
  expect_contains(message, "division by zero");
  expect_contains(message, "visible names: width = 8");
}

TEST(ModelVariables, RangeCheckedAfterEvaluation) {
  const std::string message = build_error(R"(model:
  layers:
    - {type: conv2d, out_channels: 2, kernel_size: 3, stride: "${0}"}
)",
                                          {1, 8, 8});
  expect_contains(message, "graph.yaml:3:");
  expect_contains(message, "model.layers[0].stride: must be >= 1, got 0 (from '${0}')");
}

TEST(ModelVariables, FloatForIntegerRejected) {
  const std::string message = build_error(R"(model:
  width: 8
  layers:
    - {type: linear, out_features: "${width / 2}"}
)",
                                          {4});
  expect_contains(message, "model.layers[0].out_features: must be an integer, got 4.0 (from '${width / 2}')");
  expect_contains(message, "use '//' for integer division");
}

TEST(ModelVariables, UnusedVariableRejected) {
  const std::string message = build_error(R"(model:
  width: 8
  widht: 9
  layers:
    - {type: linear, out_features: $width}
)",
                                          {4});
  expect_contains(message, "graph.yaml:3:10: model.widht: unknown key, or a model variable that no expression refers to");
  expect_contains(message, "did you mean 'width'?");
}

TEST(ModelVariables, MisspeltLayersKeyRejected) {
  const std::string message = build_error("model:\n  layers: [relu]\n  layer: relu\n", {4});
  expect_contains(message, "model.layer: unknown key");
  expect_contains(message, "did you mean 'layers'?");
}

TEST(ModelVariables, CycleRejected) {
  const std::string message = build_error(R"(model:
  a: "${b + 1}"
  b: $a
  layers:
    - {type: linear, out_features: $a}
)",
                                          {4});
  expect_contains(message, "model.a: model variable 'a' refers to itself: a -> b -> a");
}

TEST(ModelVariables, InvalidNameRejected) {
  const std::string message = build_error("model:\n  my-width: 3\n  layers: [relu]\n", {4});
  expect_contains(message, "model.my-width: invalid model variable name");
}

TEST(ModelVariables, TypeCannotBeExpression) {
  const std::string message = build_error("model:\n  act: relu\n  layers: [$act]\n", {4});
  expect_contains(message, "model.layers[0]: invalid layer type '$act': a type cannot be an expression");
}

}  // namespace
}  // namespace runner::registry
