// Command-line overrides applied to a real config file through sweep::expand.
#include "sweep_test_util.h"

#include "runner/config/config_node.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using OverrideApply = SweepFiles;

TEST_F(OverrideApply, SetChangesValueAndRecordsParam) {
  const auto sweep = expand("", {"optimizer.lr=0.5", "model.layers[1].out_features=12"});
  ASSERT_EQ(sweep.points.size(), 1u);
  EXPECT_FALSE(sweep.is_sweep);
  const auto& point = sweep.points[0];
  EXPECT_EQ(point.config_json["optimizer"]["lr"], 0.5);
  EXPECT_EQ(point.config_json["model"]["layers"][1]["out_features"], 12);
  EXPECT_EQ(param_texts(point), (std::vector<std::string>{"optimizer.lr=0.5", "model.layers[1].out_features=12"}));
  EXPECT_EQ(point.params[0].origin, "command line (override 1)");
  EXPECT_EQ(point.params[1].origin, "command line (override 2)");
}

TEST_F(OverrideApply, DotIndexMatchesBracketIndex) {
  const auto sweep = expand("", {"model.layers.1.out_features=12"});
  EXPECT_EQ(sweep.points[0].config_json["model"]["layers"][1]["out_features"], 12);
  EXPECT_EQ(sweep.points[0].params[0].path, "model.layers[1].out_features");
}

TEST_F(OverrideApply, AddCreatesKeyAndParents) {
  const auto sweep = expand("", {"+optimizer.momentum=0.9", "+augmentation.hflip=0.5", "+model.layers[3]=flatten"});
  const auto& json = sweep.points[0].config_json;
  EXPECT_EQ(json["optimizer"]["momentum"], 0.9);
  EXPECT_EQ(json["augmentation"]["hflip"], 0.5);
  ASSERT_EQ(json["model"]["layers"].size(), 4u);
  EXPECT_EQ(json["model"]["layers"][3], "flatten");
}

TEST_F(OverrideApply, RemoveDeletesKeyAndListsDefault) {
  const auto sweep = expand("", {"~optimizer.weight_decay", "~model.layers[0]"});
  const auto& point = sweep.points[0];
  EXPECT_FALSE(point.config_json["optimizer"].contains("weight_decay"));
  ASSERT_EQ(point.config_json["model"]["layers"].size(), 2u);
  EXPECT_EQ(point.config_json["model"]["layers"][1], "relu");
  EXPECT_THAT(point.config_yaml, Not(HasSubstr("weight_decay")));
  ASSERT_EQ(point.params.size(), 2u);
  EXPECT_TRUE(point.params[0].removed);
  EXPECT_TRUE(point.params[0].value.is_null());
  EXPECT_EQ(point.params[0].path, "optimizer.weight_decay");
}

TEST_F(OverrideApply, SetReplacesWholeSection) {
  const auto sweep = expand("", {"optimizer={name: adam, lr: 0.01}"});
  const auto& optimizer = sweep.points[0].config_json["optimizer"];
  EXPECT_EQ(optimizer["name"], "adam");
  EXPECT_FALSE(optimizer.contains("weight_decay"));
}

TEST_F(OverrideApply, NotFoundSuggestsClosestPath) {
  const std::string message = error_of("", {"seed=1", "optimizer.learning_rate=0.1"});
  EXPECT_THAT(message, HasSubstr("command line override 2 'optimizer.learning_rate=0.1'"));
  EXPECT_THAT(message, HasSubstr("path 'optimizer.learning_rate' not found in "));
  EXPECT_THAT(message, HasSubstr("sweep.yaml"));
  EXPECT_THAT(message, HasSubstr("did you mean 'optimizer.lr'?"));
  EXPECT_THAT(message, HasSubstr("To add a new key, write +optimizer.learning_rate"));
}

TEST_F(OverrideApply, NotFoundTypoInSection) {
  const std::string message = error_of("", {"optimiser.lr=0.1"});
  EXPECT_THAT(message, HasSubstr("path 'optimiser.lr' not found"));
  EXPECT_THAT(message, HasSubstr("did you mean 'optimizer.lr'?"));
}

TEST_F(OverrideApply, NotFoundListsSiblingsWhenNothingClose) {
  const std::string message = error_of("", {"optimizer.schedule_kind=cosine"});
  EXPECT_THAT(message, HasSubstr("keys under optimizer: name, lr, weight_decay"));
}

TEST_F(OverrideApply, IndexOutOfRange) {
  const std::string message = error_of("", {"model.layers[7].out_features=3"});
  EXPECT_THAT(message, HasSubstr("path 'model.layers[7].out_features' not found"));
  EXPECT_THAT(message, HasSubstr("model.layers has 3 elements"));
}

TEST_F(OverrideApply, AddExistingKeyIsError) {
  const std::string message = error_of("", {"+optimizer.lr=0.1"});
  EXPECT_THAT(message, HasSubstr("path 'optimizer.lr' already exists"));
  EXPECT_THAT(message, HasSubstr("write optimizer.lr without the +"));
}

TEST_F(OverrideApply, AddListElementOnlyAtEnd) {
  const std::string message = error_of("", {"+model.layers[5]=relu"});
  EXPECT_THAT(message, HasSubstr("cannot add element [5] to model.layers, a list of 3 elements"));
  EXPECT_THAT(message, HasSubstr("add [3]"));
}

TEST_F(OverrideApply, RemoveAbsentKeyIsError) {
  const std::string message = error_of("", {"~optimizer.momentum"});
  EXPECT_THAT(message, HasSubstr("command line override 1 '~optimizer.momentum'"));
  EXPECT_THAT(message, HasSubstr("path 'optimizer.momentum' not found"));
  EXPECT_THAT(message, Not(HasSubstr("To add a new key")));
}

TEST_F(OverrideApply, KeyUnderScalarIsError) {
  const std::string message = error_of("", {"seed.value=3"});
  EXPECT_THAT(message, HasSubstr("seed is the single value '7', so it has no key 'value'"));
}

TEST_F(OverrideApply, IndexIntoMappingIsError) {
  const std::string message = error_of("", {"optimizer[0]=3"});
  EXPECT_THAT(message, HasSubstr("optimizer is a mapping, so [0] cannot index it"));
}

TEST_F(OverrideApply, KeyIntoListIsError) {
  const std::string message = error_of("", {"model.layers.first=3"});
  EXPECT_THAT(message, HasSubstr("model.layers is a list, so it has no key 'first'"));
}

TEST_F(OverrideApply, MissingFileIsConfigError) {
  try {
    sweep::expand(folder_ / "absent.yaml", {});
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("absent.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("not found"));
  }
}

TEST_F(OverrideApply, LaterOverrideWins) {
  const auto sweep = expand("", {"seed=1", "seed=2"});
  EXPECT_EQ(sweep.points[0].config_json["seed"], 2);
}

TEST_F(OverrideApply, PointYamlDropsComments) {
  const auto sweep = sweep::expand(write("c.yaml", std::string("# a comment\n") + kBaseConfig), {});
  EXPECT_THAT(sweep.points[0].config_yaml, Not(HasSubstr("# a comment")));
  EXPECT_NO_THROW(config::ConfigNode::parse_string(sweep.points[0].config_yaml, "point.yaml"));
}

}  // namespace
}  // namespace runner::testing
