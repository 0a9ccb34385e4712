#include <gtest/gtest.h>

#include <torch/torch.h>

#include "runner/train/augmentation.h"
#include "runner/train/image_tensors.h"

namespace runner::train {
namespace {

TEST(BatchNormalizer, AppliesMeanAndStdPerChannel) {
  const ChannelStatistics statistics{{0.5, 0.0}, {0.25, 1.0}};
  const BatchNormalizer normalize(statistics, torch::kCPU);
  auto batch = torch::zeros({1, 2, 1, 2}, torch::kUInt8);
  batch[0][0][0][0] = 255;  // channel 0: (1 - 0.5) / 0.25 = 2
  batch[0][1][0][1] = 51;   // channel 1: 0.2 / 1 = 0.2

  const auto result = normalize(batch);
  EXPECT_NEAR(result[0][0][0][0].item<float>(), 2.0f, 1e-5);
  EXPECT_NEAR(result[0][0][0][1].item<float>(), -2.0f, 1e-5);
  EXPECT_NEAR(result[0][1][0][0].item<float>(), 0.0f, 1e-6);
  EXPECT_NEAR(result[0][1][0][1].item<float>(), 0.2f, 1e-6);
}

TEST(ChannelStatistics, MatchesHandComputedValues) {
  // Channel 0 contains 0 and 255 (mean 0.5, population std 0.5); channel 1 is constant.
  auto images = torch::zeros({2, 2, 1, 1}, torch::kUInt8);
  images[1][0][0][0] = 255;
  images.select(1, 1).fill_(51);
  const auto statistics = channel_statistics(images);
  EXPECT_NEAR(statistics.mean[0], 0.5, 1e-12);
  EXPECT_NEAR(statistics.std[0], 0.5, 1e-12);
  EXPECT_NEAR(statistics.mean[1], 0.2, 1e-12);
  EXPECT_EQ(statistics.std[1], 1.0);  // constant channel: left unscaled
}

TEST(Augmenter, FlipProbabilityOneMirrorsEveryImage) {
  config::AugmentationConfig config;
  config.hflip = 1.0;
  Augmenter augment(config, 1);
  const auto batch = torch::arange(2 * 1 * 2 * 3, torch::kFloat32).view({2, 1, 2, 3});
  EXPECT_TRUE(torch::equal(augment(batch), batch.flip({3})));
}

TEST(Augmenter, FlipRateMatchesProbability) {
  config::AugmentationConfig config;
  config.hflip = 0.3;
  Augmenter augment(config, 5);
  const int64_t count = 20000;
  const auto batch = torch::zeros({count, 1, 1, 2});
  batch.select(3, 0).fill_(1.0);  // flipped images have their 1 on the right
  const double flipped = augment(batch).select(3, 1).sum().item<double>() / count;
  EXPECT_NEAR(flipped, 0.3, 0.015);
}

TEST(Augmenter, SameSeedSameFlips) {
  config::AugmentationConfig config;
  config.hflip = 0.5;
  Augmenter first(config, 9);
  Augmenter second(config, 9);
  const auto batch = torch::rand({64, 1, 4, 4});
  EXPECT_TRUE(torch::equal(first(batch), second(batch)));
}

TEST(Augmenter, CropKeepsShapeAndShiftsContent) {
  config::AugmentationConfig config;
  config.crop_padding = 2;
  Augmenter augment(config, 4);
  const auto batch = torch::ones({50, 3, 8, 8});
  const auto result = augment(batch);
  ASSERT_EQ(result.sizes(), batch.sizes());
  // Each crop keeps between (8 - 2)^2 and 8^2 of the 64 original pixels per channel.
  const auto kept = result.sum({1, 2, 3}) / 3.0;
  EXPECT_GE(kept.min().item<double>(), 36.0);
  EXPECT_LE(kept.max().item<double>(), 64.0);
  EXPECT_LT(kept.min().item<double>(), 64.0);  // at least one of 50 crops is shifted
}

}  // namespace
}  // namespace runner::train
