// `runner show` and `runner layers` through the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../engine/engine_test_util.h"
#include "process.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

TEST(ShowCommand, QuickstartShapesAndTotal) {
  TempFolder folder;
  std::string output;
  const auto config = std::string(RUNNER_SOURCE_DIR) + "/configs/quickstart.yaml";
  ASSERT_EQ(run_runner({"show", config}, folder.path() / "out.txt", output), 0) << output;
  EXPECT_THAT(output, HasSubstr("input (1, 28, 28) from fashion_mnist, 10 classes"));
  EXPECT_THAT(output, HasSubstr("(6, 28, 28)"));
  EXPECT_THAT(output, HasSubstr("(16, 5, 5)"));
  EXPECT_THAT(output, HasSubstr("(400)"));
  // conv 1->6 k5: 156; conv 6->16 k5: 2416; linear 400->120: 48120; 120->84: 10164; 84->10: 850.
  EXPECT_THAT(output, HasSubstr("total parameters: 61706"));
  EXPECT_THAT(output, HasSubstr("estimated training memory at batch 64"));
}

TEST(ShowCommand, NeedsNoDataFiles) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", R"(name: x
data: {dataset: cifar10, path: /nonexistent/cifar-10-python.tar.gz}
model:
  layers: [flatten, {type: linear, out_features: 10}]
)");
  std::string output;
  ASSERT_EQ(run_runner({"show", config.string()}, folder.path() / "out.txt", output), 0) << output;
  EXPECT_THAT(output, HasSubstr("total parameters: 30730"));  // 3072*10 + 10
}

TEST(ShowCommand, ShapeErrorIsConfigError) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", R"(name: x
data: {dataset: mnist, path: /x}
model:
  layers: [{type: linear, out_features: 10}]
)");
  std::string output;
  EXPECT_EQ(run_runner({"show", config.string()}, folder.path() / "out.txt", output), 3);
  EXPECT_THAT(output, HasSubstr("model.layers[0]"));
  EXPECT_THAT(output, HasSubstr("(1, 28, 28)"));
}

TEST(LayersCommand, ListsEveryBuilderWithDefaults) {
  TempFolder folder;
  std::string output;
  ASSERT_EQ(run_runner({"layers"}, folder.path() / "out.txt", output), 0);
  for (const char* name : {"linear", "conv2d", "batchnorm2d", "layernorm", "dropout", "maxpool2d", "flatten",
                           "stochastic_depth", "residual", "repeat", "parallel"}) {
    EXPECT_THAT(output, HasSubstr(std::string(name) + "\n")) << name;
  }
  EXPECT_THAT(output, HasSubstr("out_features"));
  EXPECT_THAT(output, HasSubstr("required"));
}

TEST(LayersCommand, UnknownNameSuggests) {
  TempFolder folder;
  std::string output;
  EXPECT_EQ(run_runner({"layers", "conv2"}, folder.path() / "out.txt", output), 2);
  EXPECT_THAT(output, HasSubstr("did you mean 'conv2d'?"));
}

}  // namespace
}  // namespace runner::testing

namespace runner::testing {
namespace {

TEST(ShowCommand, NestedDepthListsBlocks) {
  TempFolder folder;
  std::string output;
  const auto config = std::string(RUNNER_SOURCE_DIR) + "/configs/resnet_stochdepth_fashion.yaml";
  ASSERT_EQ(run_runner({"show", config, "--depth", "1"}, folder.path() / "out.txt", output), 0) << output;
  EXPECT_THAT(output, ::testing::HasSubstr("model.layers[2].layers[0] (repeat 4 of 4)"));
  // The residual inside each repeated block is two levels deep.
  EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("(repeat 1 of 4) -> define.res_block.layers[0]")));
}

}  // namespace
}  // namespace runner::testing

namespace runner::testing {
namespace {

TEST(ShowCommand, WrongClassCountIsConfigError) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", R"(name: x
data: {dataset: mnist, path: /x}
model:
  layers: [flatten, {type: linear, out_features: 5}]
)");
  std::string output;
  EXPECT_EQ(run_runner({"show", config.string()}, folder.path() / "out.txt", output), 3);
  EXPECT_THAT(output, ::testing::HasSubstr("the model outputs shape (5) but mnist has 10 classes"));
}

TEST(ShowCommand, MisspeltLayersKeySuggests) {
  TempFolder folder;
  const auto config = write_file(folder.path() / "c.yaml", R"(name: x
data: {dataset: mnist, path: /x}
model:
  layer: [flatten, {type: linear, out_features: 10}]
)");
  std::string output;
  EXPECT_EQ(run_runner({"show", config.string()}, folder.path() / "out.txt", output), 3);
  EXPECT_THAT(output, ::testing::HasSubstr("c.yaml:4:10: model.layer: unknown key"));
  EXPECT_THAT(output, ::testing::HasSubstr("did you mean 'layers'?"));
}

}  // namespace
}  // namespace runner::testing
