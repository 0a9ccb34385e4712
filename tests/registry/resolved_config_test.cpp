// The resolved config records every layer parameter, defaults included, in the mapping form.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {
namespace {

const std::string kModel = R"(model:
  layers:
    - {type: conv2d, out_channels: 6, kernel_size: 5, init: kaiming_normal}
    - relu
    - {type: maxpool2d, kernel_size: [2, 3]}
    - batchnorm2d
    - flatten
    - {type: dropout}
    - {type: linear, out_features: 10, bias: false}
    - layernorm
    - leaky_relu
)";

nlohmann::json resolved_layers(const std::string& yaml, const Shape& input_shape) {
  const auto root = config::ConfigNode::parse_string(yaml, "test.yaml");
  build_model(root.child("model"), input_shape);
  return root.resolved().at("model").at("layers");
}

TEST(ResolvedConfig, ConvDefaultsFilled) {
  const nlohmann::json layers = resolved_layers(kModel, {1, 28, 28});
  const nlohmann::json expected = {
      {"type", "conv2d"},         {"out_channels", 6},           {"kernel_size", {5, 5}}, {"stride", {1, 1}},
      {"padding", {0, 0}},        {"dilation", {1, 1}},          {"groups", 1},           {"bias", true},
      {"init", "kaiming_normal"}, {"init_nonlinearity", "relu"}, {"init_low", -0.1},         {"init_high", 0.1},
  };
  EXPECT_EQ(layers.at(0), expected);
}

TEST(ResolvedConfig, BareNameBecomesMapping) {
  const nlohmann::json layers = resolved_layers(kModel, {1, 28, 28});
  EXPECT_EQ(layers.at(1), (nlohmann::json{{"type", "relu"}}));
  EXPECT_EQ(layers.at(4), (nlohmann::json{{"type", "flatten"}}));
}

TEST(ResolvedConfig, EveryLayerDefaults) {
  const nlohmann::json layers = resolved_layers(kModel, {1, 28, 28});
  ASSERT_EQ(layers.size(), 9u);

  // The pooling stride defaults to its kernel_size, as a pair.
  const nlohmann::json pool = {{"type", "maxpool2d"}, {"kernel_size", {2, 3}}, {"stride", {2, 3}}, {"padding", {0, 0}}};
  EXPECT_EQ(layers.at(2), pool);

  const nlohmann::json batchnorm = {{"type", "batchnorm2d"}, {"eps", 1e-5}, {"momentum", 0.1}};
  EXPECT_EQ(layers.at(3), batchnorm);
  EXPECT_EQ(layers.at(5), (nlohmann::json{{"type", "dropout"}, {"p", 0.5}}));

  const nlohmann::json linear = {{"type", "linear"},        {"out_features", 10},
                                 {"bias", false},           {"init", "default"},
                                 {"init_nonlinearity", "relu"}, {"init_low", -0.1},
                                 {"init_high", 0.1}};
  EXPECT_EQ(layers.at(6), linear);

  const nlohmann::json layernorm = {{"type", "layernorm"}, {"eps", 1e-5}, {"elementwise_affine", true}};
  EXPECT_EQ(layers.at(7), layernorm);
  EXPECT_EQ(layers.at(8), (nlohmann::json{{"type", "leaky_relu"}, {"negative_slope", 0.01}}));
}

TEST(ResolvedConfig, ReparsesToSameModel) {
  // JSON is YAML, so the resolved config can be read again and must resolve to itself.
  const auto root = config::ConfigNode::parse_string(kModel, "test.yaml");
  const BuiltModel model = build_model(root.child("model"), {1, 28, 28});
  const std::string resolved_text = root.resolved().dump();

  const auto again = config::ConfigNode::parse_string(resolved_text, "resolved.json");
  const BuiltModel rebuilt = build_model(again.child("model"), {1, 28, 28});
  EXPECT_EQ(again.resolved(), root.resolved());
  EXPECT_EQ(rebuilt.output_shape, model.output_shape);
  EXPECT_EQ(rebuilt.parameter_count, model.parameter_count);
}

}  // namespace
}  // namespace runner::registry
