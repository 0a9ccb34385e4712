// The resolved config of a model graph: it records the section as written plus defaults, and
// reading it again rebuilds the same model with the same weights.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {
namespace {

const std::string kGraphModel = R"(model:
  width: 8
  blocks: 4
  half: "${blocks // 2}"
  define:
    res_block:
      params: {channels: null, stride: 1, drop: 0.0}
      layers:
        - type: residual
          body:
            - {type: conv2d, out_channels: $channels, kernel_size: 3, padding: 1, stride: $stride, init: kaiming_normal}
            - batchnorm2d
            - {type: stochastic_depth, p: $drop}
          activation: relu
    unused_block:
      params: {size: 3}
      layers: [{type: linear, out_features: $size}]
  layers:
    - {type: conv2d, out_channels: $width, kernel_size: 3, padding: 1}
    - {type: repeat, times: $half, layers: [{type: res_block, channels: $width, drop: "${0.2 * index / (count - 1)}"}]}
    - {type: res_block, channels: "${width * 2}", stride: 2}
    - {type: repeat, times: "${blocks - 4}", layers: [{type: linear, out_features: 3}]}
    - type: parallel
      join: concat
      branches: [[{type: conv2d, out_channels: 4, kernel_size: 1}], [{type: maxpool2d, kernel_size: 1}]]
    - global_avgpool2d
    - {type: linear, out_features: 10}
)";

const Shape kInput = {3, 8, 8};

struct Built {
  config::ConfigNode root;
  BuiltModel model;
};

Built build_seeded(const std::string& text, const std::string& source_name) {
  torch::manual_seed(5);
  Built built{config::ConfigNode::parse_string(text, source_name), {}};
  built.model = build_model(built.root.child("model"), kInput);
  return built;
}

TEST(GraphResolved, ReparsesToSameWeights) {
  const Built first = build_seeded(kGraphModel, "graph.yaml");
  const Built again = build_seeded(first.root.resolved().dump(), "resolved.json");

  EXPECT_EQ(again.root.resolved(), first.root.resolved());
  EXPECT_EQ(again.model.parameter_count, first.model.parameter_count);
  EXPECT_EQ(again.model.output_shape, (Shape{10}));
  ASSERT_EQ(again.model.all_layers.size(), first.model.all_layers.size());
  for (size_t i = 0; i < first.model.all_layers.size(); ++i) {
    const LayerSummary& expected = first.model.all_layers[i];
    const LayerSummary& actual = again.model.all_layers[i];
    EXPECT_EQ(actual.path, expected.path);
    EXPECT_EQ(actual.type, expected.type) << expected.path;
    EXPECT_EQ(actual.output_shape, expected.output_shape) << expected.path;
    EXPECT_EQ(actual.own_parameter_count, expected.own_parameter_count) << expected.path;
  }

  const auto expected_parameters = first.model.net->named_parameters();
  const auto actual_parameters = again.model.net->named_parameters();
  ASSERT_EQ(actual_parameters.size(), expected_parameters.size());
  for (const auto& parameter : expected_parameters) {
    const torch::Tensor* actual = actual_parameters.find(parameter.key());
    ASSERT_NE(actual, nullptr) << parameter.key();
    EXPECT_TRUE(torch::equal(*actual, parameter.value())) << parameter.key();
  }
}

TEST(GraphResolved, ParameterCountAndSummary) {
  const BuiltModel model = build_seeded(kGraphModel, "graph.yaml").model;
  // conv 3->8: 224. Two res_blocks on 8 channels: conv 8*8*9 + 8 = 584, bn 16, each 600.
  // res_block 8->16 stride 2: conv 16*8*9 + 16 = 1168, bn 32, shortcut 16*8 + 16 = 144: 1344.
  // parallel: conv 16->4 1x1: 68. linear 20->10: 210.
  EXPECT_EQ(model.parameter_count, 224 + 2 * 600 + 1344 + 68 + 210);
  int64_t own_sum = 0;
  for (const LayerSummary& row : model.all_layers) own_sum += row.own_parameter_count;
  EXPECT_EQ(own_sum, model.parameter_count);
  ASSERT_EQ(model.layers.size(), 7u);
  EXPECT_EQ(model.layers[2].type, "res_block");
  EXPECT_EQ(model.layers[2].output_shape, (Shape{16, 4, 4}));
  EXPECT_EQ(model.layers[4].output_shape, (Shape{20, 4, 4}));
}

TEST(GraphResolved, RecordsAsWrittenWithDefaults) {
  const Built built = build_seeded(kGraphModel, "graph.yaml");
  const nlohmann::json& model = built.root.resolved().at("model");

  EXPECT_EQ(model.at("width"), 8);
  EXPECT_EQ(model.at("half"), "${blocks // 2}");

  // A block use records its arguments as written and fills in the defaults.
  const nlohmann::json use = {
      {"type", "res_block"}, {"channels", "$width"}, {"drop", "${0.2 * index / (count - 1)}"}, {"stride", 1}};
  EXPECT_EQ(model.at("layers").at(1).at("layers").at(0), use);
  EXPECT_EQ(model.at("layers").at(2).at("drop"), 0.0);

  const nlohmann::json& definition = model.at("define").at("res_block");
  EXPECT_EQ(definition.at("params"), (nlohmann::json{{"channels", nullptr}, {"stride", 1}, {"drop", 0.0}}));
  const nlohmann::json& residual = definition.at("layers").at(0);
  EXPECT_EQ(residual.at("shortcut"), "auto");
  EXPECT_EQ(residual.at("activation"), "relu");
  const nlohmann::json& conv = residual.at("body").at(0);
  EXPECT_EQ(conv.at("out_channels"), "$channels");
  EXPECT_EQ(conv.at("stride"), "$stride");
  EXPECT_EQ(conv.at("padding"), (nlohmann::json{1, 1}));
  EXPECT_EQ(residual.at("body").at(1), (nlohmann::json{{"type", "batchnorm2d"}, {"eps", 1e-5}, {"momentum", 0.1}}));

  // Nothing builds an unused block or a repeat of 0, so they are kept as written.
  const nlohmann::json unused = {{"params", {{"size", 3}}},
                                 {"layers", {{{"type", "linear"}, {"out_features", "$size"}}}}};
  EXPECT_EQ(model.at("define").at("unused_block"), unused);
  EXPECT_EQ(model.at("layers").at(3).at("layers"), (nlohmann::json{{{"type", "linear"}, {"out_features", 3}}}));
}

TEST(GraphResolved, PoolStrideFromExpressionKernel) {
  const auto root = config::ConfigNode::parse_string(
      "model:\n  k: 2\n  layers:\n    - {type: maxpool2d, kernel_size: $k}\n", "graph.yaml");
  const BuiltModel model = build_model(root.child("model"), {1, 8, 8});
  EXPECT_EQ(model.output_shape, (Shape{1, 4, 4}));
  const nlohmann::json& pool = root.resolved().at("model").at("layers").at(0);
  EXPECT_EQ(pool.at("kernel_size"), "$k");
  EXPECT_EQ(pool.at("stride"), "$k");  // the default follows kernel_size as written
}

}  // namespace
}  // namespace runner::registry
