// Exact parameter counts of the zoo configs for a 3x32x32 input and 10 classes, and of the
// Fashion-MNIST ResNet for 1x28x28. Each expected value is derived by hand from the lecture's
// PyTorch model definitions, with the derivation written above it. Conv2d(in, out, k) has
// out*(in/groups)*k*k weights and out biases, and Linear(in, out) has in*out weights and out
// biases. BatchNorm2d(C) has C scales and C shifts; its running statistics are buffers, not
// parameters. ReLU, pooling, flatten and stochastic depth have no parameters.
#include <gtest/gtest.h>

#include <string>

#include "zoo_test_util.h"

namespace runner::testing {
namespace {

const registry::Shape kCifarSample = {3, 32, 32};

registry::BuiltModel build_zoo_model(const std::string& relative_path) {
  return build_config_model(load_repo_config(relative_path), relative_path, kCifarSample);
}

// Builds the config with the model variable `name` set to `value`, e.g. a VariableBNConvNet depth.
registry::BuiltModel build_zoo_model_with(const std::string& relative_path, const std::string& name, int value) {
  YAML::Node root = load_repo_config(relative_path);
  root["model"][name] = value;
  return build_config_model(root, relative_path, kCifarSample);
}

TEST(ZooParameterCount, Mlp) {
  // Linear(3072, 512): 3072*512 + 512 = 1573376
  // Linear(512, 120):   512*120 + 120 =   61560
  // Linear(120, 84):     120*84 + 84  =   10164
  // Linear(84, 10):       84*10 + 10  =     850
  // Total: 1573376 + 61560 + 10164 + 850 = 1645950
  const auto model = build_zoo_model("configs/zoo/mlp.yaml");
  EXPECT_EQ(model.parameter_count, 1645950);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, LeNet5) {
  // Conv2d(3, 6, 5, padding=2):          6*3*5*5 + 6     =   456   (6, 32, 32), pooled to (6, 16, 16)
  // Conv2d(6, 6, 1, groups=6):           6*1*1*1 + 6     =    12
  // Conv2d(6, 16, 5):                    16*6*5*5 + 16   =  2416   (16, 12, 12), pooled to (16, 6, 6)
  // Conv2d(16, 16, 1, groups=16):        16*1*1*1 + 16   =    32
  // Conv2d(16, 120, 5):                  120*16*5*5 + 120 = 48120  (120, 2, 2): 480 features
  // Linear(480, 84):                     480*84 + 84     = 40404
  // Linear(84, 10):                      84*10 + 10      =   850
  // Total: 456 + 12 + 2416 + 32 + 48120 + 40404 + 850 = 92290
  const auto model = build_zoo_model("configs/zoo/lenet5.yaml");
  EXPECT_EQ(model.parameter_count, 92290);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, ConvNet) {
  // Conv2d(3, 15, 3, stride=2):   15*3*3*3 + 15  =   420   (15, 16, 16)
  // Conv2d(15, 15, 3, stride=2):  15*15*3*3 + 15 =  2040   (15, 8, 8)
  // Conv2d(15, 15, 3, stride=2):  15*15*3*3 + 15 =  2040   (15, 4, 4): 240 features
  // Linear(240, 60):              240*60 + 60    = 14460
  // Linear(60, 10):               60*10 + 10     =   610
  // Total: 420 + 2*2040 + 14460 + 610 = 19570
  const auto model = build_zoo_model("configs/zoo/convnet.yaml");
  EXPECT_EQ(model.parameter_count, 19570);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, WideConvNet) {
  // Conv2d(3, 15, 3, stride=2):   15*3*3*3 + 15  =   420   (15, 16, 16)
  // Conv2d(15, 30, 3, stride=2):  30*15*3*3 + 30 =  4080   (30, 8, 8)
  // Conv2d(30, 60, 3, stride=2):  60*30*3*3 + 60 = 16260   (60, 4, 4): 960 features
  // Linear(960, 60):              960*60 + 60    = 57660
  // Linear(60, 10):               60*10 + 10     =   610
  // Total: 420 + 4080 + 16260 + 57660 + 610 = 79030
  const auto model = build_zoo_model("configs/zoo/wide_convnet.yaml");
  EXPECT_EQ(model.parameter_count, 79030);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, DeepConvNet) {
  // Conv2d(3, 15, 3):                          15*3*3*3 + 15  =   420   (15, 32, 32)
  // 4 x Conv2d(15, 15, 3), strides 2, 1, 2, 2: 15*15*3*3 + 15 =  2040 each, 8160   (15, 4, 4): 240 features
  // Linear(240, 60):                           240*60 + 60    = 14460
  // Linear(60, 10):                            60*10 + 10     =   610
  // Total: 420 + 8160 + 14460 + 610 = 23650
  const auto model = build_zoo_model("configs/zoo/deep_convnet.yaml");
  EXPECT_EQ(model.parameter_count, 23650);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, DeeperConvNet) {
  // Conv2d(3, 15, 3):                                   15*3*3*3 + 15  =   420   (15, 32, 32)
  // 6 x Conv2d(15, 15, 3), strides 2, 1, 2, 1, 2, 2:   15*15*3*3 + 15 =  2040 each, 12240   (15, 2, 2): 60 features
  // Linear(60, 60):                                     60*60 + 60     =  3660
  // Linear(60, 10):                                     60*10 + 10     =   610
  // Total: 420 + 12240 + 3660 + 610 = 16930
  const auto model = build_zoo_model("configs/zoo/deeper_convnet.yaml");
  EXPECT_EQ(model.parameter_count, 16930);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, DeeperBNConvNet) {
  // The DeeperConvNet (16930, above) plus BatchNorm2d(15) after its first three stride-2
  // convolutions: 3 * (15 + 15) = 90.
  // Total: 16930 + 90 = 17020
  const auto model = build_zoo_model("configs/zoo/deeper_bn_convnet.yaml");
  EXPECT_EQ(model.parameter_count, 17020);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

// VariableBNConvNet(repeats, width=30), with c = Conv2d(30, 30, 3) = 30*30*3*3 + 30 = 8130 and
// b = BatchNorm2d(30) = 30 + 30 = 60:
//   Conv2d(3, 30, 3):                               30*3*3*3 + 30 = 840   (30, 32, 32)
//   (repeats - 2) x [conv, BN] at stride 1:        (repeats - 2) * (c + b); none when repeats < 2
//   [conv, BN] at stride 2:                         c + b                  (30, 16, 16)
//   2 x ((repeats - 1) x [conv, BN], then [conv, BN] at stride 2):  2 * repeats * (c + b)   (30, 4, 4)
//   final Conv2d(30, 30, 3, stride=2) without BN:  c = 8130               (30, 2, 2): 120 features
//   Linear(120, 60):                                120*60 + 60 = 7260
//   Linear(60, 10):                                 60*10 + 10  = 610
// For repeats >= 2: 840 + (3*repeats - 1) * 8190 + 8130 + 7260 + 610 = 840 + (3*repeats - 1) * 8190 + 16000.
TEST(ZooParameterCount, VariableBNConvNetRepeats3) {
  // 840 + 8 * 8190 + 16000 = 840 + 65520 + 16000 = 82360
  const auto model = build_zoo_model_with("configs/zoo/variable_bn_convnet.yaml", "repeats", 3);
  EXPECT_EQ(model.parameter_count, 82360);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, VariableBNConvNetRepeats5) {
  // 840 + 14 * 8190 + 16000 = 840 + 114660 + 16000 = 131500
  const auto model = build_zoo_model_with("configs/zoo/variable_bn_convnet.yaml", "repeats", 5);
  EXPECT_EQ(model.parameter_count, 131500);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, VariableBNConvNetRepeats2) {
  // The first stride-1 group repeats (repeats - 2) = 0 times.
  // 840 + 5 * 8190 + 16000 = 840 + 40950 + 16000 = 57790
  const auto model = build_zoo_model_with("configs/zoo/variable_bn_convnet.yaml", "repeats", 2);
  EXPECT_EQ(model.parameter_count, 57790);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, VariableBNConvNetRepeats1) {
  // Python's range(repeats - 2) is empty for repeats = 1, and each later group has (repeats - 1) = 0
  // stride-1 layers, so only the three stride-2 [conv, BN] pairs remain:
  // 840 + 3 * 8190 + 16000 = 840 + 24570 + 16000 = 41410
  const auto model = build_zoo_model_with("configs/zoo/variable_bn_convnet.yaml", "repeats", 1);
  EXPECT_EQ(model.parameter_count, 41410);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

// VariableResNet(blocks=30, width=30). ResBlock(30, 30, stride) is
//   Conv2d(30, 30, 3) + BatchNorm2d(30) + Conv2d(30, 30, 3, stride) + BatchNorm2d(30)
//   = 8130 + 60 + 8130 + 60 = 16380,
// plus, when stride is 2, a Conv2d(30, 30, 1, stride=2) shortcut: 30*30*1*1 + 30 = 930, so 17310.
//   Conv2d(3, 30, 3):                                  30*3*3*3 + 30 = 840    (30, 32, 32)
//   blocks - 2 = 28 stride-1 blocks:                   28 * 16380 = 458640
//   stride-2 block:                                    17310                  (30, 16, 16)
//   blocks_1 = (blocks - 2) // 2 = 14 stride-1 blocks: 14 * 16380 = 229320
//   stride-2 block:                                    17310                  (30, 8, 8)
//   blocks_2 = blocks - 2 - blocks_1 = 14 blocks:      14 * 16380 = 229320
//   stride-2 block:                                    17310                  (30, 4, 4)
//   final Conv2d(30, 30, 3, stride=2):                 8130                   (30, 2, 2): 120 features
//   Linear(120, 60):                                   120*60 + 60 = 7260
//   Linear(60, 10):                                    60*10 + 10  = 610
// Total: 840 + 56 * 16380 + 3 * 17310 + 8130 + 7260 + 610
//      = 840 + 917280 + 51930 + 16000 = 986050
constexpr int64_t kVariableResNetParameters = 986050;

TEST(ZooParameterCount, VariableResNet) {
  const auto model = build_zoo_model("configs/zoo/variable_resnet.yaml");
  EXPECT_EQ(model.parameter_count, kVariableResNetParameters);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, ResNetWithStochasticDepth) {
  // The same network as VariableResNet; stochastic depth adds no parameters.
  const auto model = build_zoo_model("configs/resnet_stochdepth.yaml");
  EXPECT_EQ(model.parameter_count, kVariableResNetParameters);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

TEST(ZooParameterCount, FashionResNetOn28x28) {
  // VariableResNet(blocks=6, width=16) on a 1x28x28 input. ResBlock(16, 16, stride) is
  //   2 * Conv2d(16, 16, 3) + 2 * BatchNorm2d(16) = 2 * (16*16*3*3 + 16) + 2 * (16 + 16) = 4704,
  // plus, when stride is 2, a Conv2d(16, 16, 1, stride=2) shortcut: 16*16*1*1 + 16 = 272, so 4976.
  //   Conv2d(1, 16, 3):                                  16*1*3*3 + 16 = 160    (16, 28, 28)
  //   blocks - 2 = 4, blocks_1 = 2 and blocks_2 = 2 stride-1 blocks: 8 * 4704 = 37632
  //   3 stride-2 blocks:                                 3 * 4976 = 14928       (16, 14, 14), (16, 7, 7), (16, 4, 4)
  //   final Conv2d(16, 16, 3, stride=2):                 16*16*3*3 + 16 = 2320  (16, 2, 2): 64 features
  //   Linear(64, 60):                                    64*60 + 60 = 3900
  //   Linear(60, 10):                                    60*10 + 10 = 610
  // Total: 160 + 37632 + 14928 + 2320 + 3900 + 610 = 59550
  const std::string path = "configs/resnet_stochdepth_fashion.yaml";
  const auto model = build_config_model(load_repo_config(path), path, {1, 28, 28});
  EXPECT_EQ(model.parameter_count, 59550);
  EXPECT_EQ(model.output_shape, registry::Shape({10}));
}

}  // namespace
}  // namespace runner::testing
