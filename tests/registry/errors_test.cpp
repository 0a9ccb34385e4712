// Config and shape errors: each message names the location, the key path and what to change.
#include <string>

#include <gtest/gtest.h>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::registry {
namespace {

// The message of the ConfigError that building `layers_yaml` (the lines under model.layers) on
// `input_shape` throws, or "no error".
std::string build_error(const std::string& layers_yaml, const Shape& input_shape) {
  try {
    const auto root = config::ConfigNode::parse_string("model:\n  layers:\n" + layers_yaml, "test.yaml");
    build_model(root.child("model"), input_shape);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "expected '" << part << "' in:\n" << message;
}

TEST(LayerErrors, UnknownTypeSuggestsClosest) {
  const std::string message = build_error("    - {type: conv2, out_channels: 6, kernel_size: 5}\n", {1, 28, 28});
  expect_contains(message, "test.yaml:3:");
  expect_contains(message, "model.layers[0].type");
  expect_contains(message, "unknown layer type 'conv2'");
  expect_contains(message, "did you mean 'conv2d'?");
  expect_contains(message, "valid names: linear, conv2d,");
}

TEST(LayerErrors, UnknownBareTypeSuggestsClosest) {
  const std::string message = build_error("    - flatten\n    - rleu\n", {1, 28, 28});
  expect_contains(message, "test.yaml:4:");
  expect_contains(message, "model.layers[1]: unknown layer type 'rleu'");
  expect_contains(message, "did you mean 'relu'?");
}

TEST(LayerErrors, MissingOutFeatures) {
  const std::string message = build_error("    - flatten\n    - {type: linear, bias: false}\n", {1, 28, 28});
  expect_contains(message, "model.layers[1].out_features");
  expect_contains(message, "missing required integer");
}

TEST(LayerErrors, MissingOutFeaturesBareForm) {
  const std::string message = build_error("    - flatten\n    - linear\n", {1, 28, 28});
  expect_contains(message, "model.layers[1].out_features");
  expect_contains(message, "missing required integer");
}

TEST(LayerErrors, StrideWrongType) {
  const std::string message = build_error(
      "    - {type: conv2d, out_channels: 6, kernel_size: 5}\n    - relu\n    - {type: maxpool2d, stride: two}\n",
      {1, 28, 28});
  expect_contains(message, "test.yaml:5:");
  expect_contains(message, "model.layers[2].stride");
  expect_contains(message, "must be an integer");
  expect_contains(message, "'two'");
}

TEST(LayerErrors, StrideZero) {
  const std::string message = build_error(
      "    - relu\n    - relu\n    - {type: conv2d, out_channels: 6, kernel_size: 5, stride: 0}\n", {1, 28, 28});
  expect_contains(message, "model.layers[2].stride");
  expect_contains(message, "must be >= 1, got 0");
}

TEST(LayerErrors, DropoutPOutOfRange) {
  const std::string message = build_error("    - flatten\n    - relu\n    - {type: dropout, p: 1.5}\n", {1, 28, 28});
  expect_contains(message, "model.layers[2].p");
  expect_contains(message, "must be in [0, 1), got 1.5");
}

TEST(LayerErrors, DropoutPOneRejected) {
  const std::string message = build_error("    - {type: dropout, p: 1}\n", {4});
  expect_contains(message, "model.layers[0].p");
  expect_contains(message, "must be in [0, 1), got 1");
}

TEST(LayerErrors, UnknownParameterSuggestsClosest) {
  // kernel_size is required too: the misspelling is reported, not the missing key.
  const std::string message =
      build_error("    - relu\n    - relu\n    - {type: conv2d, out_channels: 6, kernal_size: 5}\n", {1, 28, 28});
  expect_contains(message, "test.yaml:5:");
  expect_contains(message, "model.layers[2].kernal_size");
  expect_contains(message, "unknown key");
  expect_contains(message, "did you mean 'kernel_size'?");
}

TEST(LayerErrors, UnknownInitSuggestsClosest) {
  const std::string message = build_error("    - {type: linear, out_features: 3, init: kaiming_normel}\n", {4});
  expect_contains(message, "model.layers[0].init");
  expect_contains(message, "did you mean 'kaiming_normal'?");
}

TEST(LayerErrors, LinearOnImage) {
  const std::string message = build_error(
      "    - {type: conv2d, out_channels: 6, kernel_size: 5}\n    - relu\n    - {type: linear, out_features: 10}\n",
      {1, 28, 28});
  expect_contains(message, "test.yaml:5:");
  expect_contains(message, "model.layers[2]: linear on input (6, 24, 24): needs a flat input (features)");
  expect_contains(message, "add a flatten layer first");
}

TEST(LayerErrors, Conv2dOnFlatInput) {
  const std::string message =
      build_error("    - flatten\n    - {type: conv2d, out_channels: 6, kernel_size: 3}\n", {1, 8, 8});
  expect_contains(message, "model.layers[1]: conv2d on input (64): needs an image input (C, H, W)");
}

TEST(LayerErrors, KernelTooLarge) {
  const std::string message = build_error("    - {type: conv2d, out_channels: 6, kernel_size: 5}\n", {3, 4, 4});
  expect_contains(message, "model.layers[0].kernel_size");
  expect_contains(message, "conv2d on input (3, 4, 4)");
  expect_contains(message, "would produce (6, 0, 0)");
  expect_contains(message, "kernel spans 5x5, more than the padded input 4x4");
}

TEST(LayerErrors, KernelTooLargeAfterPooling) {
  // (1, 8, 8) -> pool (1, 4, 4) -> pool (1, 2, 2), which a 3x3 kernel with padding 0 cannot cover.
  const std::string message = build_error(
      "    - maxpool2d\n    - maxpool2d\n    - {type: conv2d, out_channels: 2, kernel_size: 3}\n", {1, 8, 8});
  expect_contains(message, "model.layers[2].kernel_size");
  expect_contains(message, "conv2d on input (1, 2, 2): would produce (2, 0, 0)");
}

TEST(LayerErrors, PoolKernelTooLarge) {
  const std::string message = build_error("    - {type: avgpool2d, kernel_size: [2, 7]}\n", {3, 4, 6});
  expect_contains(message, "model.layers[0].kernel_size");
  expect_contains(message, "avgpool2d on input (3, 4, 6): would produce (3, 2, 0)");
}

TEST(LayerErrors, PoolPaddingTooLarge) {
  const std::string message = build_error("    - {type: maxpool2d, kernel_size: 2, padding: 2}\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].padding");
  expect_contains(message, "padding 2 must be at most half the kernel size 2");
}

TEST(LayerErrors, GroupsNotDividingChannels) {
  const std::string message =
      build_error("    - {type: conv2d, out_channels: 6, kernel_size: 3, groups: 2}\n", {3, 8, 8});
  expect_contains(message, "model.layers[0].groups");
  expect_contains(message, "conv2d on input (3, 8, 8): groups 2 must divide both in_channels 3 and out_channels 6");
}

TEST(LayerErrors, GroupsNotDividingOutChannels) {
  const std::string message =
      build_error("    - {type: conv2d, out_channels: 5, kernel_size: 3, groups: 2}\n", {4, 8, 8});
  expect_contains(message, "model.layers[0].groups");
  expect_contains(message, "out_channels 5");
}

TEST(LayerErrors, Batchnorm2dOnFlatInput) {
  const std::string message = build_error("    - flatten\n    - batchnorm2d\n", {3, 4, 4});
  expect_contains(message, "model.layers[1]: batchnorm2d on input (48): needs an image input (C, H, W)");
}

TEST(LayerErrors, LayerIsList) {
  const std::string message = build_error("    - [relu]\n", {4});
  expect_contains(message, "model.layers[0]: a layer must be a type name or a mapping with a 'type' key");
}

TEST(LayerErrors, MissingType) {
  const std::string message = build_error("    - {out_features: 3}\n", {4});
  expect_contains(message, "model.layers[0].type");
  expect_contains(message, "missing required value");
}

TEST(ModelErrors, EmptyLayers) {
  std::string message;
  try {
    const auto root = config::ConfigNode::parse_string("model:\n  layers: []\n", "test.yaml");
    build_model(root.child("model"), {4});
  } catch (const ConfigError& error) {
    message = error.what();
  }
  expect_contains(message, "model.layers: must contain at least one layer");
}

TEST(ModelErrors, UnknownSectionKey) {
  std::string message;
  try {
    const auto root = config::ConfigNode::parse_string("model:\n  layers: [relu]\n  layer: [relu]\n", "test.yaml");
    build_model(root.child("model"), {4});
  } catch (const ConfigError& error) {
    message = error.what();
  }
  expect_contains(message, "test.yaml:3:3: model.layer: unknown key");
  expect_contains(message, "did you mean 'layers'?");
}

TEST(ModelErrors, InvalidInputShape) {
  const auto root = config::ConfigNode::parse_string("model:\n  layers: [relu]\n", "test.yaml");
  EXPECT_THROW(build_model(root.child("model"), {}), std::invalid_argument);
  EXPECT_THROW(build_model(root.child("model"), {3, 0, 4}), std::invalid_argument);
}

}  // namespace
}  // namespace runner::registry
