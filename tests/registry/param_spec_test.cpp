// Parameter specs: their descriptions, and the guards on how builders read validated values.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "registry/builtin_layers.h"
#include "registry/layer_params.h"
#include "registry/param_spec.h"
#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::registry {
namespace {

const ParamSpec& find_spec(const std::string& layer, const std::string& name) {
  for (const ParamSpec& spec : find_layer_builder(layer)->params) {
    if (spec.name == name) return spec;
  }
  throw std::out_of_range(layer + " has no parameter " + name);
}

TEST(ParamSpecDescribe, TypesAndDefaults) {
  EXPECT_EQ(describe_type(find_spec("linear", "out_features")), "integer");
  EXPECT_EQ(describe_default(find_spec("linear", "out_features")), "required");
  EXPECT_TRUE(find_spec("linear", "out_features").required());

  EXPECT_EQ(describe_type(find_spec("conv2d", "kernel_size")), "integer or [height, width]");
  EXPECT_EQ(describe_default(find_spec("conv2d", "stride")), "1");
  EXPECT_EQ(describe_default(find_spec("maxpool2d", "stride")), "same as kernel_size");
  EXPECT_FALSE(find_spec("maxpool2d", "stride").required());

  EXPECT_EQ(describe_type(find_spec("dropout", "p")), "number");
  EXPECT_EQ(describe_default(find_spec("dropout", "p")), "0.5");
  EXPECT_EQ(describe_default(find_spec("linear", "bias")), "true");
  EXPECT_EQ(describe_type(find_spec("linear", "bias")), "true or false");
  EXPECT_EQ(describe_default(find_spec("linear", "init")), "default");
  EXPECT_EQ(describe_type(find_spec("linear", "init_nonlinearity")), "one of: relu, leaky_relu, tanh, sigmoid, linear");
}

TEST(ParamSpecDescribe, PairDefault) {
  ParamSpec spec = int_or_pair_param("padding", 0, config::Range::at_least(0), "padding");
  spec.fallback = Pair{1, 2};
  EXPECT_EQ(describe_default(spec), "[1, 2]");
}

TEST(LayerParamsRead, ValuesAndDefaults) {
  const auto root = config::ConfigNode::parse_string("layer: {size: [3, 4], rate: 0.5}\n", "test.yaml");
  const std::vector<ParamSpec> specs = {
      int_or_pair_param("size", std::nullopt, config::Range::at_least(1), "size"),
      int_or_pair_param_from("step", "size", config::Range::at_least(1), "step"),
      number_param("rate", std::nullopt, config::Range::between(0, 1), "rate"),
      int_param("count", 7, config::Range::any(), "count"),
      choice_param("mode", "fast", {"fast", "slow"}, "mode"),
  };
  const LayerParams params = LayerParams::read(root.child("layer"), "example", specs);

  EXPECT_EQ(params.get_pair("size"), (Pair{3, 4}));
  EXPECT_EQ(params.get_pair("step"), (Pair{3, 4}));
  EXPECT_DOUBLE_EQ(params.get_number("rate"), 0.5);
  EXPECT_EQ(params.get_int("count"), 7);
  EXPECT_EQ(params.get_choice("mode"), "fast");
  EXPECT_EQ(params.type(), "example");
  EXPECT_EQ(params.path(), "layer");
}

TEST(LayerParamsRead, UndeclaredNameIsBuilderBug) {
  const auto root = config::ConfigNode::parse_string("layer: {count: 2}\n", "test.yaml");
  const std::vector<ParamSpec> specs = {int_param("count", 1, config::Range::any(), "count")};
  const LayerParams params = LayerParams::read(root.child("layer"), "example", specs);

  EXPECT_THROW(params.get_int("size"), std::logic_error);
  EXPECT_THROW(params.get_number("count"), std::logic_error);
  EXPECT_EQ(params.get_int("count"), 2);
}

TEST(LayerParamsRead, MissingRequiredWithDependent) {
  // step defaults to size and both are absent, so the error names size rather than step.
  const auto root = config::ConfigNode::parse_string("layer: {other: 1}\nempty: {}\n", "test.yaml");
  const std::vector<ParamSpec> specs = {
      int_or_pair_param("size", std::nullopt, config::Range::at_least(1), "size"),
      int_or_pair_param_from("step", "size", config::Range::at_least(1), "step"),
  };
  try {
    LayerParams::read(root.child("empty"), "example", specs);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("empty.size: missing required integer"), std::string::npos) << message;
  }
}

TEST(LayerParamsRead, DependentGivenWhileSourceMissing) {
  // step is present and must not be taken for an unknown key while size is missing.
  const auto root = config::ConfigNode::parse_string("layer: {step: 2}\n", "test.yaml");
  const std::vector<ParamSpec> specs = {
      int_or_pair_param("size", std::nullopt, config::Range::at_least(1), "size"),
      int_or_pair_param_from("step", "size", config::Range::at_least(1), "step"),
  };
  try {
    LayerParams::read(root.child("layer"), "example", specs);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("layer.size: missing required integer"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace runner::registry
