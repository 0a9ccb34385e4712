// Values keep their exact text and type from the override through the point's YAML to its JSON.
#include "sweep_test_util.h"

#include <cmath>

#include "runner/config/config_node.h"
#include "runner/sweep/yaml_text.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

using ExactValues = SweepFiles;

TEST_F(ExactValues, DoublesSurviveExactly) {
  const auto sweep = expand("", {"optimizer.lr=1e-7", "optimizer.weight_decay=1e300", "+optimizer.momentum=-0.0",
                                 "+optimizer.eps=0.1"});
  const auto& point = sweep.points[0];
  const auto& optimizer = point.config_json["optimizer"];

  ASSERT_TRUE(optimizer["lr"].is_number_float());
  EXPECT_EQ(optimizer["lr"].get<double>(), 1e-7);
  EXPECT_EQ(optimizer["weight_decay"].get<double>(), 1e300);
  EXPECT_EQ(optimizer["eps"].get<double>(), 0.1);
  ASSERT_TRUE(optimizer["momentum"].is_number_float());
  EXPECT_EQ(optimizer["momentum"].get<double>(), 0.0);
  EXPECT_TRUE(std::signbit(optimizer["momentum"].get<double>()));

  // The YAML keeps the text as typed, not a reformatted number.
  EXPECT_THAT(point.config_yaml, HasSubstr("lr: 1e-7"));
  EXPECT_THAT(point.config_yaml, HasSubstr("weight_decay: 1e300"));
  EXPECT_THAT(point.config_yaml, HasSubstr("momentum: -0.0"));
}

TEST_F(ExactValues, IntegersStringsAndBools) {
  const auto sweep = expand("", {"training.epochs=3", "name=\"3\"", "+data.shuffle=true", "seed=12345678901234"});
  const auto& json = sweep.points[0].config_json;

  ASSERT_TRUE(json["training"]["epochs"].is_number_integer());
  EXPECT_EQ(json["training"]["epochs"].get<int64_t>(), 3);
  ASSERT_TRUE(json["name"].is_string());
  EXPECT_EQ(json["name"], "3");
  ASSERT_TRUE(json["data"]["shuffle"].is_boolean());
  EXPECT_EQ(json["data"]["shuffle"], true);
  EXPECT_EQ(json["seed"].get<int64_t>(), 12345678901234);
  EXPECT_EQ(sweep.name, "3");
}

TEST_F(ExactValues, ParamsCarryTypedValues) {
  const auto sweep = expand("", {"optimizer.lr=1e-7", "training.epochs=4", "name=\"4\""});
  const auto& params = sweep.points[0].params;
  ASSERT_EQ(params.size(), 3u);
  EXPECT_TRUE(params[0].value.is_number_float());
  EXPECT_EQ(params[0].value.get<double>(), 1e-7);
  EXPECT_TRUE(params[1].value.is_number_integer());
  EXPECT_TRUE(params[2].value.is_string());
}

TEST_F(ExactValues, PointYamlReadsBackThroughConfigNode) {
  const auto sweep = expand("", {"optimizer.lr=1e-7", "name=\"3\"", "training.epochs=4"});
  const auto root = config::ConfigNode::parse_string(sweep.points[0].config_yaml, "point.yaml");
  EXPECT_EQ(root.child("optimizer").get_double("lr", std::nullopt), 1e-7);
  EXPECT_EQ(root.get_string("name", std::nullopt), "3");
  EXPECT_EQ(root.child("training").get_int("epochs", std::nullopt), 4);
  // A quoted "3" stays a string, so reading it as an integer is rejected as it would be in the file.
  EXPECT_THROW(root.get_int("name", std::nullopt), ConfigError);
}

TEST_F(ExactValues, TextOfTrickyScalarsIsKept) {
  const std::string config = std::string(kBaseConfig) +
                             "extra:\n  plain_true: true\n  quoted_true: 'true'\n  tilde: ~\n  hex: 0x10\n"
                             "  spaced: 'a: b'\n  flow: {x: [1, 2]}\n  empty: ''\n";
  const auto sweep = sweep::expand(write("tricky.yaml", config), {});
  const auto& extra = sweep.points[0].config_json["extra"];
  EXPECT_EQ(extra["plain_true"], true);
  EXPECT_EQ(extra["quoted_true"], "true");
  EXPECT_TRUE(extra["tilde"].is_null());
  EXPECT_EQ(extra["hex"], 16);
  EXPECT_EQ(extra["spaced"], "a: b");
  EXPECT_EQ(extra["flow"]["x"][1], 2);
  EXPECT_EQ(extra["empty"], "");
  EXPECT_THAT(sweep.points[0].config_yaml, HasSubstr("flow: {x: [1, 2]}"));
}

TEST(YamlTextOfDouble, ReadsBackAsSameNumber) {
  for (double value : {0.001, 1e-5, 2.0, 0.1, 1e300, 123456.789, 3.0e-310}) {
    const std::string text = sweep::yaml_text_of_double(value);
    const nlohmann::json json = sweep::yaml_to_json(YAML::Load(text));
    ASSERT_TRUE(json.is_number_float()) << text;
    EXPECT_EQ(json.get<double>(), value) << text;
  }
  EXPECT_EQ(sweep::yaml_text_of_double(2.0), "2.0");
}

TEST(YamlToJson, MatchesConfigNodeTyping) {
  const std::string text = "a: 3\nb: '3'\nc: 1e-7\nd: yes\ne: x\nf: [1, '2', 3.5]\ng: ~\n";
  const auto root = config::ConfigNode::parse_string(text, "t.yaml");
  const YAML::Node tree = YAML::Load(text);
  for (const auto& key : root.keys()) {
    EXPECT_EQ(sweep::yaml_to_json(tree[key]), root.as_written(key)) << key;
  }
}

}  // namespace
}  // namespace runner::testing
