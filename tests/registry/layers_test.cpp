// Every registered layer builds, and its inferred output shape matches a real forward pass.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "registry/builtin_layers.h"
#include "registry/model_builder.h"
#include "runner/config/config_node.h"

namespace runner::registry {
namespace {

struct LayerCase {
  std::string yaml;  // one element of model.layers
  Shape input_shape;
  Shape expected_output;
  int64_t vocabulary = 0;  // when > 0, the input is integer token ids in [0, vocabulary)
};

// One case per registered name. LayersRegistry.EveryNameHasCase fails when the two lists differ.
const std::map<std::string, LayerCase>& layer_cases() {
  static const std::map<std::string, LayerCase> kCases = {
      {"linear", {"{type: linear, out_features: 7}", {5}, {7}}},
      // H: (9 + 2 - 3) / 2 + 1 = 5, W: (12 + 2 - 2) / 2 + 1 = 7
      {"conv2d",
       {"{type: conv2d, out_channels: 4, kernel_size: [3, 2], stride: 2, padding: 1, groups: 2}",
        {2, 9, 12},
        {4, 5, 7}}},
      {"batchnorm1d", {"batchnorm1d", {6}, {6}}},
      {"batchnorm2d", {"batchnorm2d", {3, 4, 5}, {3, 4, 5}}},
      {"layernorm", {"layernorm", {3, 4, 5}, {3, 4, 5}}},
      {"relu", {"relu", {3, 4, 5}, {3, 4, 5}}},
      {"gelu", {"gelu", {3, 4, 5}, {3, 4, 5}}},
      {"tanh", {"tanh", {3, 4, 5}, {3, 4, 5}}},
      {"sigmoid", {"sigmoid", {3, 4, 5}, {3, 4, 5}}},
      {"leaky_relu", {"{type: leaky_relu, negative_slope: 0.2}", {3, 4, 5}, {3, 4, 5}}},
      // H: (7 + 2 - 3) / 2 + 1 = 4, W: floor((10 + 2 - 3) / 2) + 1 = 5
      {"avgpool2d", {"{type: avgpool2d, kernel_size: 3, stride: 2, padding: 1}", {2, 7, 10}, {2, 4, 5}}},
      // Defaults kernel 2, stride 2: H floor(7 / 2) = 3, W floor(9 / 2) = 4
      {"maxpool2d", {"maxpool2d", {3, 7, 9}, {3, 3, 4}}},
      {"flatten", {"flatten", {3, 4, 5}, {60}}},
      {"dropout", {"{type: dropout, p: 0.25}", {3, 4, 5}, {3, 4, 5}}},
      {"stochastic_depth", {"{type: stochastic_depth, p: 0.2}", {3, 4, 5}, {3, 4, 5}}},
      {"global_avgpool2d", {"global_avgpool2d", {3, 4, 5}, {3}}},
      {"mean", {"{type: mean, dim: 0}", {6, 4}, {4}}},
      {"embedding", {"{type: embedding, num_embeddings: 11, embedding_dim: 4}", {7}, {7, 4}, 11}},
      {"positional_embedding", {"{type: positional_embedding, max_length: 9}", {7, 4}, {7, 4}}},
      {"lstm", {"{type: lstm, hidden_size: 5}", {7, 4}, {5}}},
      {"gru", {"{type: gru, hidden_size: 5, bidirectional: true, return: all}", {7, 4}, {7, 10}}},
      {"self_attention", {"{type: self_attention, heads: 2, dropout: 0.1}", {7, 4}, {7, 4}}},
  };
  return kCases;
}

BuiltModel build_single(const std::string& layer_yaml, const Shape& input_shape) {
  const auto root = config::ConfigNode::parse_string("model:\n  layers:\n    - " + layer_yaml + "\n", "test.yaml");
  return build_model(root.child("model"), input_shape);
}

// (2, ...shape): a batch of two samples.
std::vector<int64_t> batch_of_two(const Shape& shape) {
  std::vector<int64_t> sizes{2};
  sizes.insert(sizes.end(), shape.begin(), shape.end());
  return sizes;
}

void expect_forward_matches(const BuiltModel& model, const Shape& input_shape, const std::string& label,
                            int64_t vocabulary = 0) {
  torch::nn::Sequential net = model.net;  // forward() is not const
  const torch::Tensor input = vocabulary > 0 ? torch::randint(0, vocabulary, batch_of_two(input_shape), torch::kLong)
                                             : torch::randn(batch_of_two(input_shape));
  const torch::Tensor output = net->forward(input);
  EXPECT_EQ(output.sizes().vec(), batch_of_two(model.output_shape)) << label;
}

TEST(LayersRegistry, EveryNameHasCase) {
  std::set<std::string> registered;
  for (const auto& name : layer_names()) registered.insert(name);
  std::set<std::string> covered;
  for (const auto& [name, layer_case] : layer_cases()) covered.insert(name);

  EXPECT_EQ(registered, covered);
  EXPECT_EQ(registered.size(), layer_names().size()) << "a name is registered twice";
}

TEST(LayersRegistry, EveryLayerMatchesForward) {
  torch::manual_seed(0);
  for (const auto& name : layer_names()) {
    const auto found = layer_cases().find(name);
    ASSERT_NE(found, layer_cases().end()) << name;
    const LayerCase& layer_case = found->second;

    const BuiltModel model = build_single(layer_case.yaml, layer_case.input_shape);
    ASSERT_EQ(model.layers.size(), 1u) << name;
    EXPECT_EQ(model.layers[0].type, name);
    EXPECT_EQ(model.layers[0].input_shape, layer_case.input_shape) << name;
    EXPECT_EQ(model.output_shape, layer_case.expected_output) << name;
    expect_forward_matches(model, layer_case.input_shape, name, layer_case.vocabulary);
  }
}

TEST(LayersRegistry, SpecsAreConsistent) {
  for (const LayerBuilder& builder : layer_builders()) {
    EXPECT_FALSE(builder.doc.empty()) << builder.name;
    EXPECT_TRUE(builder.build) << builder.name;
    std::map<std::string, ParamType> earlier;
    for (const ParamSpec& spec : builder.params) {
      const std::string label = builder.name + "." + spec.name;
      EXPECT_FALSE(spec.doc.empty()) << label;
      EXPECT_EQ(earlier.count(spec.name), 0u) << label << " is declared twice";
      if (!spec.default_from.empty()) {
        ASSERT_EQ(earlier.count(spec.default_from), 1u) << label << " defaults to a later or unknown parameter";
        EXPECT_EQ(earlier[spec.default_from], spec.type) << label;
      }
      if (spec.type == ParamType::kChoice && spec.fallback) {
        const auto& fallback = std::get<std::string>(*spec.fallback);
        EXPECT_NE(std::find(spec.choices.begin(), spec.choices.end(), fallback), spec.choices.end()) << label;
      }
      earlier[spec.name] = spec.type;
    }
  }
}

TEST(LayersRegistry, FindUnknownIsNull) {
  EXPECT_EQ(find_layer_builder("conv3d"), nullptr);
  ASSERT_NE(find_layer_builder("conv2d"), nullptr);
  EXPECT_EQ(find_layer_builder("conv2d")->name, "conv2d");
}

TEST(Conv2dShapes, MatchForward) {
  // (layer, input, expected): dilation, asymmetric padding and stride, and a kernel equal to the input.
  const std::vector<LayerCase> cases = {
      // 28 + 0 - (2 * (3 - 1) + 1) + 1 = 24
      {"{type: conv2d, out_channels: 3, kernel_size: 3, dilation: 2}", {1, 28, 28}, {3, 24, 24}},
      // H: (10 + 4 - 5) / 3 + 1 = 4, W: (11 + 0 - 5) / 1 + 1 = 7
      {"{type: conv2d, out_channels: 2, kernel_size: 5, stride: [3, 1], padding: [2, 0]}", {1, 10, 11}, {2, 4, 7}},
      {"{type: conv2d, out_channels: 8, kernel_size: [4, 6], bias: false}", {3, 4, 6}, {8, 1, 1}},
      // Depthwise: groups equal to both channel counts.
      {"{type: conv2d, out_channels: 4, kernel_size: 3, padding: 1, groups: 4}", {4, 5, 5}, {4, 5, 5}},
  };
  for (const LayerCase& layer_case : cases) {
    const BuiltModel model = build_single(layer_case.yaml, layer_case.input_shape);
    EXPECT_EQ(model.output_shape, layer_case.expected_output) << layer_case.yaml;
    expect_forward_matches(model, layer_case.input_shape, layer_case.yaml);
  }
}

TEST(Batchnorm1dShapes, AcceptsChannelsAndLength) {
  const BuiltModel model = build_single("batchnorm1d", {4, 9});
  EXPECT_EQ(model.output_shape, (Shape{4, 9}));
  EXPECT_EQ(model.parameter_count, 8);  // weight (4) + bias (4)
  expect_forward_matches(model, {4, 9}, "batchnorm1d on (4, 9)");
}

TEST(LayernormShapes, NormalisesWholeSample) {
  const BuiltModel model = build_single("layernorm", {3, 4, 5});
  EXPECT_EQ(model.parameter_count, 2 * 3 * 4 * 5);  // weight and bias of shape (3, 4, 5)

  BuiltModel plain = build_single("{type: layernorm, elementwise_affine: false}", {3, 4, 5});
  EXPECT_EQ(plain.parameter_count, 0);

  // Every sample comes out with mean 0 over all of its elements, not per channel.
  const torch::Tensor output = plain.net->forward(torch::randn({2, 3, 4, 5}) * 3 + 1);
  const torch::Tensor means = output.reshape({2, -1}).mean(1);
  EXPECT_LT(means.abs().max().item<double>(), 1e-5);
}

TEST(PoolingShapes, StrideDefaultsToKernel) {
  const BuiltModel model = build_single("{type: maxpool2d, kernel_size: 3}", {2, 9, 10});
  EXPECT_EQ(model.output_shape, (Shape{2, 3, 3}));

  const BuiltModel strided = build_single("{type: maxpool2d, kernel_size: 3, stride: 1}", {2, 9, 10});
  EXPECT_EQ(strided.output_shape, (Shape{2, 7, 8}));
  expect_forward_matches(strided, {2, 9, 10}, "maxpool2d stride 1");
}

TEST(ActivationValues, LeakyReluUsesSlope) {
  BuiltModel model = build_single("{type: leaky_relu, negative_slope: 0.2}", {3});
  const torch::Tensor output = model.net->forward(torch::tensor({{-1.0, 0.0, 2.0}}));
  EXPECT_FLOAT_EQ(output[0][0].item<float>(), -0.2f);
  EXPECT_FLOAT_EQ(output[0][2].item<float>(), 2.0f);
}

}  // namespace
}  // namespace runner::registry
