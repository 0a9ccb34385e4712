// Checks where configs/resnet_stochdepth.yaml puts stochastic depth and with which probabilities.
// The lecture's VariableResNet(blocks=30) gives the blocks_1 + blocks_2 = 28 stride-1 blocks of its
// two middle stages, numbered i = 0 to 27 in forward order, a drop probability of 0.4 * i / 27. The
// 28 blocks of the first stage and the three stride-2 blocks have none. The probabilities are
// measured: each identity-shortcut residual block runs in training mode on a batch of positive
// inputs, and a sample counts as dropped when the block outputs relu(x) = x, its input, unchanged.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "registry/graph/graph_modules.h"
#include "zoo_test_util.h"

namespace runner::testing {
namespace {

constexpr int64_t kFirstStageBlocks = 28;   // blocks - 2
constexpr int64_t kMiddleStageBlocks = 28;  // blocks_1 + blocks_2 = 14 + 14
constexpr int64_t kWidth = 30;
constexpr int64_t kSamples = 10000;

registry::BuiltModel build_resnet(const std::string& relative_path) {
  return build_config_model(load_repo_config(relative_path), relative_path, {3, 32, 32});
}

int64_t count_rows_of_type(const registry::BuiltModel& model, const std::string& type) {
  int64_t count = 0;
  for (const registry::LayerSummary& row : model.all_layers) {
    count += row.type == type ? 1 : 0;
  }
  return count;
}

// The residual blocks whose shortcut is the identity (the stride-1 ones), in forward order.
std::vector<std::shared_ptr<registry::ResidualImpl>> identity_residuals(const torch::nn::Module& net) {
  std::vector<std::shared_ptr<registry::ResidualImpl>> residuals;
  for (const auto& module : net.modules(/*include_self=*/false)) {
    auto residual = std::dynamic_pointer_cast<registry::ResidualImpl>(module);
    if (residual && residual->named_children().find("shortcut") == nullptr) {
      residuals.push_back(residual);
    }
  }
  return residuals;
}

// The fraction of samples whose body output the block dropped, over one training-mode batch.
double measured_drop_rate(registry::ResidualImpl& residual) {
  residual.train();
  // (N, C, 1, 1): the 3x3 convolutions with padding 1 act on any spatial size. Inputs above zero
  // pass the final ReLU unchanged, so a dropped sample comes out equal to its input.
  const torch::Tensor input = torch::rand({kSamples, kWidth, 1, 1}) + 1.0;
  torch::NoGradGuard no_grad;
  const torch::Tensor output = residual.forward(input);
  const torch::Tensor unchanged = (output - input).abs().flatten(1).amax(1) == 0;  // (N)
  return unchanged.to(torch::kDouble).mean().item<double>();
}

TEST(ZooStochasticDepth, PlacedInMiddleStagesOnly) {
  const auto model = build_resnet("configs/resnet_stochdepth.yaml");
  EXPECT_EQ(count_rows_of_type(model, "residual"), 59);  // 28 + 1 + 14 + 1 + 14 + 1
  EXPECT_EQ(count_rows_of_type(model, "stochastic_depth"), kMiddleStageBlocks);
}

TEST(ZooStochasticDepth, AbsentWithoutTheOption) {
  const auto model = build_resnet("configs/zoo/variable_resnet.yaml");
  EXPECT_EQ(count_rows_of_type(model, "residual"), 59);
  EXPECT_EQ(count_rows_of_type(model, "stochastic_depth"), 0);
}

TEST(ZooStochasticDepth, DropRatesFollowLectureSchedule) {
  torch::manual_seed(112);
  const auto model = build_resnet("configs/resnet_stochdepth.yaml");
  const auto residuals = identity_residuals(*model.net);
  ASSERT_EQ(residuals.size(), static_cast<size_t>(kFirstStageBlocks + kMiddleStageBlocks));

  for (int64_t block = 0; block < kFirstStageBlocks; ++block) {
    EXPECT_EQ(measured_drop_rate(*residuals[block]), 0.0) << "first-stage block " << block;
  }

  // Binomial standard error at p = 0.4 and 10000 samples: about 0.005. The mean over all 28 blocks
  // (expected 0.2, standard error about 0.0008) distinguishes 0.4 * i / 27 from, say, 0.4 * i / 28
  // (mean 0.193).
  double rate_sum = 0.0;
  for (int64_t i = 0; i < kMiddleStageBlocks; ++i) {
    const double expected = 0.4 * static_cast<double>(i) / static_cast<double>(kMiddleStageBlocks - 1);
    const double rate = measured_drop_rate(*residuals[kFirstStageBlocks + i]);
    if (i == 0) {
      EXPECT_EQ(rate, 0.0) << "middle-stage block 0 has p = 0";
    } else {
      EXPECT_NEAR(rate, expected, 0.02) << "middle-stage block " << i;
    }
    rate_sum += rate;
  }
  EXPECT_NEAR(rate_sum / kMiddleStageBlocks, 0.2, 0.003);
}

}  // namespace
}  // namespace runner::testing
