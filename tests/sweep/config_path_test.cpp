#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "runner/sweep/config_path.h"

namespace runner::sweep {
namespace {

TEST(ParseConfigPath, KeysAndIndexes) {
  const ConfigPath path = parse_config_path("model.layers[2][0].out_channels");
  ASSERT_EQ(path.segments.size(), 5u);
  EXPECT_EQ(path.segments[1].key, "layers");
  EXPECT_EQ(path.segments[2].key, "2");
  EXPECT_TRUE(path.segments[2].bracketed);
  EXPECT_TRUE(path.segments[3].bracketed);
  EXPECT_FALSE(path.segments[4].bracketed);
  EXPECT_EQ(path.canonical_text(), "model.layers[2][0].out_channels");
}

TEST(ParseConfigPath, KeysMayContainDashes) {
  EXPECT_EQ(parse_config_path("zoo.resnet-18.depth").segments[1].key, "resnet-18");
}

TEST(ParseConfigPath, RejectsMalformedPaths) {
  for (const char* text : {"", "a..b", ".a", "a.", "a[", "a[]", "a[-1]", "a]b", "a b", "a.[1]"}) {
    EXPECT_THROW(parse_config_path(text), PathSyntaxError) << text;
  }
}

TEST(ListPaths, DocumentOrderWithIndexes) {
  const YAML::Node root = YAML::Load("a: 1\nb:\n  c: [x, {d: 2}]\n");
  const std::vector<std::string> expected = {"a", "b", "b.c", "b.c[0]", "b.c[1]", "b.c[1].d"};
  EXPECT_EQ(list_paths(root), expected);
}

TEST(ClosestPath, InitialismMatchesLongName) {
  const std::vector<std::string> paths = {"optimizer", "optimizer.name", "optimizer.lr", "optimizer.momentum"};
  // Plain edit distance would pick optimizer.name (10 edits) over optimizer.lr (11 edits).
  EXPECT_EQ(closest_path("optimizer.learning_rate", paths), "optimizer.lr");
}

TEST(ClosestPath, InitialismWorksBothWays) {
  const std::vector<std::string> paths = {"optimizer", "optimizer.weight_decay", "optimizer.name"};
  EXPECT_EQ(closest_path("optimizer.wd", paths), "optimizer.weight_decay");
}

TEST(ClosestPath, MissingSectionFindsKeyElsewhere) {
  const std::vector<std::string> paths = {"seed", "optimizer", "optimizer.lr", "training.epochs"};
  EXPECT_EQ(closest_path("lr", paths), "optimizer.lr");
  EXPECT_EQ(closest_path("epochs", paths), "training.epochs");
}

TEST(ClosestPath, TypoAndNothingClose) {
  const std::vector<std::string> paths = {"model", "model.width", "model.depth", "model.layers[2].out_channels"};
  EXPECT_EQ(closest_path("model.widht", paths), "model.width");
  EXPECT_EQ(closest_path("model.layers[2].out_chanels", paths), "model.layers[2].out_channels");
  EXPECT_FALSE(closest_path("scheduler.gamma", paths).has_value());
}

}  // namespace
}  // namespace runner::sweep
