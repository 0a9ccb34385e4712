// Shape inference and parameter counts of a whole model: a LeNet-5 style stack.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {
namespace {

const std::string kLenet = R"(model:
  layers:
    - {type: conv2d, out_channels: 6, kernel_size: 5, padding: 2, init: kaiming_normal}
    - relu
    - {type: avgpool2d, kernel_size: 2, stride: 2}
    - {type: conv2d, out_channels: 16, kernel_size: 5, init: kaiming_normal}
    - relu
    - {type: avgpool2d, kernel_size: 2, stride: 2}
    - flatten
    - {type: linear, out_features: 120, init: kaiming_normal}
    - relu
    - {type: linear, out_features: 84, init: kaiming_normal}
    - relu
    - {type: linear, out_features: 10}
)";

BuiltModel build_lenet(const Shape& input_shape) {
  const auto root = config::ConfigNode::parse_string(kLenet, "lenet.yaml");
  return build_model(root.child("model"), input_shape);
}

std::vector<Shape> output_shapes(const BuiltModel& model) {
  std::vector<Shape> shapes;
  for (const LayerSummary& layer : model.layers) shapes.push_back(layer.output_shape);
  return shapes;
}

std::vector<int64_t> parameter_counts(const BuiltModel& model) {
  std::vector<int64_t> counts;
  for (const LayerSummary& layer : model.layers) counts.push_back(layer.parameter_count);
  return counts;
}

TEST(LenetShapes, Mnist1x28x28) {
  const BuiltModel model = build_lenet({1, 28, 28});

  const std::vector<Shape> expected = {{6, 28, 28}, {6, 28, 28}, {6, 14, 14}, {16, 10, 10}, {16, 10, 10}, {16, 5, 5},
                                       {400},       {120},       {120},       {84},         {84},         {10}};
  EXPECT_EQ(output_shapes(model), expected);
  EXPECT_EQ(model.output_shape, (Shape{10}));

  // conv2d 1->6 k5: 6*1*25 + 6 = 156; conv2d 6->16 k5: 16*6*25 + 16 = 2416;
  // linear 400->120: 400*120 + 120 = 48120; 120->84: 120*84 + 84 = 10164; 84->10: 84*10 + 10 = 850.
  const std::vector<int64_t> counts = {156, 0, 0, 2416, 0, 0, 0, 48120, 0, 10164, 0, 850};
  EXPECT_EQ(parameter_counts(model), counts);
  EXPECT_EQ(model.parameter_count, 61706);  // 156 + 2416 + 48120 + 10164 + 850
  EXPECT_EQ(model.parameter_count, count_parameters(*model.net));
}

TEST(LenetShapes, Cifar3x32x32) {
  const BuiltModel model = build_lenet({3, 32, 32});

  const std::vector<Shape> expected = {{6, 32, 32}, {6, 32, 32}, {6, 16, 16}, {16, 12, 12}, {16, 12, 12}, {16, 6, 6},
                                       {576},       {120},       {120},       {84},         {84},         {10}};
  EXPECT_EQ(output_shapes(model), expected);

  // conv2d 3->6 k5: 6*3*25 + 6 = 456; conv2d 6->16 k5: 2416;
  // linear 576->120: 576*120 + 120 = 69240; 120->84: 10164; 84->10: 850.
  const std::vector<int64_t> counts = {456, 0, 0, 2416, 0, 0, 0, 69240, 0, 10164, 0, 850};
  EXPECT_EQ(parameter_counts(model), counts);
  EXPECT_EQ(model.parameter_count, 83126);  // 456 + 2416 + 69240 + 10164 + 850
  EXPECT_EQ(model.parameter_count, count_parameters(*model.net));
}

TEST(LenetShapes, SummaryPathsAndInputs) {
  const BuiltModel model = build_lenet({1, 28, 28});

  ASSERT_EQ(model.layers.size(), 12u);
  EXPECT_EQ(model.layers[0].path, "model.layers[0]");
  EXPECT_EQ(model.layers[3].path, "model.layers[3]");
  EXPECT_EQ(model.layers[3].type, "conv2d");
  EXPECT_EQ(model.layers[6].type, "flatten");
  EXPECT_EQ(model.layers[0].input_shape, (Shape{1, 28, 28}));
  for (size_t i = 1; i < model.layers.size(); ++i) {
    EXPECT_EQ(model.layers[i].input_shape, model.layers[i - 1].output_shape) << model.layers[i].path;
  }
}

TEST(LenetShapes, ForwardGivesLogits) {
  torch::manual_seed(1);
  BuiltModel model = build_lenet({3, 32, 32});
  const torch::Tensor logits = model.net->forward(torch::randn({2, 3, 32, 32}));

  EXPECT_EQ(logits.sizes().vec(), (std::vector<int64_t>{2, 10}));
  // Probabilities are never negative, but some of 20 logits from a fresh linear layer are.
  EXPECT_LT(logits.min().item<double>(), 0.0);
}

TEST(FormatShape, Examples) {
  EXPECT_EQ(format_shape({6, 14, 14}), "(6, 14, 14)");
  EXPECT_EQ(format_shape({400}), "(400)");
  EXPECT_EQ(format_shape({}), "()");
  EXPECT_EQ(shape_numel({16, 5, 5}), 400);
}

}  // namespace
}  // namespace runner::registry
