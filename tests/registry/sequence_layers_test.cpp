// The sequence and pooling layers: embedding, positional_embedding, lstm, gru, self_attention,
// mean and global_avgpool2d, checked by shape, parameter count and value.
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

BuiltModel build_one(const std::string& layer_yaml, const Shape& input_shape) {
  return build_yaml("model:\n  layers:\n    - " + layer_yaml + "\n", input_shape);
}

TEST(RecurrentLayers, LstmLastIsFinalStepOfAll) {
  torch::manual_seed(21);
  BuiltModel last = build_one("{type: lstm, hidden_size: 5}", {7, 4});
  torch::manual_seed(21);
  BuiltModel all = build_one("{type: lstm, hidden_size: 5, return: all}", {7, 4});
  EXPECT_EQ(last.output_shape, (Shape{5}));
  EXPECT_EQ(all.output_shape, (Shape{7, 5}));
  // 4 gates, each with input weights (5x4), hidden weights (5x5) and two biases (5): 4 * 55.
  EXPECT_EQ(last.parameter_count, 220);

  const torch::Tensor input = torch::randn({3, 7, 4});
  const torch::Tensor final_state = forward_eval(last, input);
  const torch::Tensor every_step = forward_eval(all, input);
  ASSERT_EQ(every_step.sizes().vec(), (std::vector<int64_t>{3, 7, 5}));
  EXPECT_TRUE(torch::allclose(final_state, every_step.select(1, 6)));
}

TEST(RecurrentLayers, GruLastIsFinalStepOfAll) {
  torch::manual_seed(22);
  BuiltModel last = build_one("{type: gru, hidden_size: 6, num_layers: 2}", {5, 3});
  torch::manual_seed(22);
  BuiltModel all = build_one("{type: gru, hidden_size: 6, num_layers: 2, return: all}", {5, 3});
  EXPECT_EQ(last.output_shape, (Shape{6}));
  EXPECT_EQ(all.output_shape, (Shape{5, 6}));
  // 3 gates per layer: layer 1 (6x3 + 6x6 + 2x6) = 66, layer 2 (6x6 + 6x6 + 2x6) = 84; 3 * 150.
  EXPECT_EQ(last.parameter_count, 450);

  const torch::Tensor input = torch::randn({2, 5, 3});
  EXPECT_TRUE(torch::allclose(forward_eval(last, input), forward_eval(all, input).select(1, 4)));
}

TEST(RecurrentLayers, BidirectionalConcatenatesDirections) {
  torch::manual_seed(23);
  BuiltModel last = build_one("{type: gru, hidden_size: 4, bidirectional: true}", {6, 3});
  torch::manual_seed(23);
  BuiltModel all = build_one("{type: gru, hidden_size: 4, bidirectional: true, return: all}", {6, 3});
  EXPECT_EQ(last.output_shape, (Shape{8}));
  EXPECT_EQ(all.output_shape, (Shape{6, 8}));

  // The forward direction ends at the last step, the backward one at the first.
  const torch::Tensor input = torch::randn({2, 6, 3});
  const torch::Tensor final_state = forward_eval(last, input);
  const torch::Tensor every_step = forward_eval(all, input);
  EXPECT_TRUE(torch::allclose(final_state.slice(1, 0, 4), every_step.select(1, 5).slice(1, 0, 4)));
  EXPECT_TRUE(torch::allclose(final_state.slice(1, 4, 8), every_step.select(1, 0).slice(1, 4, 8)));
}

TEST(RecurrentLayers, NeedSequenceInput) {
  expect_contains(build_error("model:\n  layers:\n    - {type: lstm, hidden_size: 3}\n", {12}),
                  "model.layers[0]: lstm on input (12): needs a sequence of vectors (L, D)");
}

TEST(SelfAttentionLayer, CausalIgnoresLaterPositions) {
  torch::manual_seed(24);
  BuiltModel model = build_one("{type: self_attention, heads: 2, causal: true}", {6, 8});
  EXPECT_EQ(model.output_shape, (Shape{6, 8}));
  EXPECT_EQ(model.parameter_count, 4 * 8 * 8 + 4 * 8);

  const torch::Tensor input = torch::randn({1, 6, 8});
  torch::Tensor changed = input.clone();
  changed.slice(1, 4, 6) += 3.0;  // change positions 4 and 5 only
  const torch::Tensor before = forward_eval(model, input);
  const torch::Tensor after = forward_eval(model, changed);
  EXPECT_TRUE(torch::allclose(before.slice(1, 0, 4), after.slice(1, 0, 4), 1e-5, 1e-6));
  EXPECT_FALSE(torch::allclose(before.select(1, 4), after.select(1, 4)));
}

TEST(SelfAttentionLayer, NonCausalSeesLaterPositions) {
  torch::manual_seed(25);
  BuiltModel model = build_one("{type: self_attention, heads: 4}", {5, 8});
  const torch::Tensor input = torch::randn({2, 5, 8});
  torch::Tensor changed = input.clone();
  changed.select(1, 4) += 3.0;
  EXPECT_FALSE(torch::allclose(forward_eval(model, input).select(1, 0), forward_eval(model, changed).select(1, 0)));
}

TEST(SelfAttentionLayer, HeadsMustDivideDim) {
  expect_contains(build_error("model:\n  layers:\n    - {type: self_attention, heads: 3}\n", {5, 8}),
                  "model.layers[0].heads: self_attention on input (5, 8): heads 3 must divide the vector size 8");
}

TEST(EmbeddingLayer, LooksUpRows) {
  torch::manual_seed(26);
  BuiltModel model = build_one("{type: embedding, num_embeddings: 10, embedding_dim: 3}", {4});
  EXPECT_EQ(model.output_shape, (Shape{4, 3}));
  EXPECT_EQ(model.parameter_count, 30);

  const torch::Tensor weight = model.net->named_parameters()["0.embedding.weight"];
  const torch::Tensor ids = torch::tensor({{2, 0, 9, 2}}, torch::kLong);
  const torch::Tensor output = forward_eval(model, ids);
  ASSERT_EQ(output.sizes().vec(), (std::vector<int64_t>{1, 4, 3}));
  EXPECT_TRUE(torch::equal(output[0], weight.index_select(0, ids[0])));
  // Ids stored as floats give the same rows.
  EXPECT_TRUE(torch::equal(forward_eval(model, ids.to(torch::kFloat)), output));
}

TEST(PositionalEmbedding, AddsPositionVector) {
  torch::manual_seed(27);
  BuiltModel model = build_one("{type: positional_embedding, max_length: 10}", {4, 3});
  EXPECT_EQ(model.parameter_count, 30);
  const torch::Tensor weight = model.net->named_parameters()["0.positions.weight"];
  const torch::Tensor input = torch::randn({2, 4, 3});
  const torch::Tensor added = forward_eval(model, input) - input;
  EXPECT_TRUE(torch::allclose(added[0], weight.slice(0, 0, 4)));
  EXPECT_TRUE(torch::allclose(added[1], weight.slice(0, 0, 4)));
}

TEST(PositionalEmbedding, SequenceLongerThanMaxRejected) {
  expect_contains(build_error("model:\n  layers:\n    - {type: positional_embedding, max_length: 3}\n", {4, 2}),
                  "model.layers[0].max_length: positional_embedding on input (4, 2): the sequence length 4 exceeds "
                  "max_length 3");
}

TEST(MeanLayer, RemovesDimension) {
  BuiltModel model = build_one("{type: mean, dim: -1}", {3, 4});
  EXPECT_EQ(model.output_shape, (Shape{3}));
  const torch::Tensor input = torch::randn({2, 3, 4});
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), input.mean(2)));

  EXPECT_EQ(build_one("{type: mean, dim: 0}", {3, 4, 5}).output_shape, (Shape{4, 5}));
  expect_contains(build_error("model:\n  layers:\n    - {type: mean, dim: 2}\n", {3, 4}),
                  "model.layers[0].dim: mean on input (3, 4): dim 2 is out of range for 2 dimensions");
  expect_contains(build_error("model:\n  layers:\n    - {type: mean, dim: 0}\n", {3}), "would leave no dimension");
}

TEST(GlobalAvgPool2dLayer, AveragesEachChannel) {
  BuiltModel model = build_one("global_avgpool2d", {3, 4, 5});
  EXPECT_EQ(model.output_shape, (Shape{3}));
  const torch::Tensor input = torch::randn({2, 3, 4, 5});
  EXPECT_TRUE(torch::allclose(forward_eval(model, input), input.mean({2, 3})));
}

TEST(TextModel, LayersCompose) {
  torch::manual_seed(28);
  BuiltModel model = build_yaml(R"(model:
  layers:
    - {type: embedding, num_embeddings: 50, embedding_dim: 8}
    - {type: positional_embedding, max_length: 12}
    - type: residual
      body: [layernorm, {type: self_attention, heads: 2, causal: true}]
    - {type: lstm, hidden_size: 6, return: all}
    - {type: mean, dim: 0}
    - {type: linear, out_features: 3}
)",
                                {12});
  EXPECT_EQ(model.output_shape, (Shape{3}));
  const torch::Tensor ids = torch::randint(0, 50, {4, 12}, torch::kLong);
  EXPECT_EQ(forward_eval(model, ids).sizes().vec(), (std::vector<int64_t>{4, 3}));
}

TEST(WeightInit, UniformWithinBounds) {
  torch::manual_seed(29);
  const BuiltModel model =
      build_one("{type: linear, out_features: 200, init: uniform, init_low: 0.2, init_high: 0.3}", {100});
  const torch::Tensor weight = model.net->named_parameters()["0.weight"];
  EXPECT_GE(weight.min().item<double>(), 0.2);
  EXPECT_LT(weight.max().item<double>(), 0.3);
  // 20000 samples of U(0.2, 0.3): the mean's standard error is 0.1 / sqrt(12 * 20000) = 0.0002.
  EXPECT_NEAR(weight.mean().item<double>(), 0.25, 0.001);
}

TEST(WeightInit, UniformBoundsOrdered) {
  expect_contains(
      build_error("model:\n  layers:\n    - {type: linear, out_features: 2, init: uniform, init_low: 1, init_high: 0}\n",
                  {3}),
      "model.layers[0].init_high: must be above init_low 1, got 0");
}

TEST(WeightInit, AppliesToRecurrentAndAttentionWeights) {
  const BuiltModel lstm = build_one("{type: lstm, hidden_size: 4, init: zeros}", {3, 2});
  for (const auto& parameter : lstm.net->named_parameters()) {
    const bool is_weight = parameter.key().find("weight") != std::string::npos;
    EXPECT_EQ(parameter.value().abs().sum().item<double>() == 0.0, is_weight) << parameter.key();
  }
  const BuiltModel attention = build_one("{type: self_attention, heads: 1, init: zeros}", {3, 2});
  EXPECT_EQ(attention.net->named_parameters()["0.qkv.weight"].abs().sum().item<double>(), 0.0);
  EXPECT_EQ(attention.net->named_parameters()["0.output.weight"].abs().sum().item<double>(), 0.0);
}

}  // namespace
}  // namespace runner::registry
