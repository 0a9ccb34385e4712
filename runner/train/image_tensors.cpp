#include "runner/train/image_tensors.h"

#include <torch/torch.h>

namespace runner::train {

ImageTensors to_tensors(const data::ImageSet& set, int64_t limit, torch::Device device) {
  const int64_t count = limit > 0 ? std::min(limit, set.count) : set.count;

  // from_blob does not copy, so clone before the source vector can go away.
  auto images = torch::from_blob(const_cast<uint8_t*>(set.pixels.data()),
                                 {count, set.channels, set.height, set.width}, torch::kUInt8)
                    .clone();
  auto labels = torch::from_blob(const_cast<int64_t*>(set.labels.data()), {count}, torch::kInt64).clone();
  return {images.to(device), labels.to(device)};
}

ChannelStatistics channel_statistics(const torch::Tensor& images) {
  // Double precision: a float sum over 47 million pixels would lose the low digits.
  const auto pixels = images.to(torch::kCPU).to(torch::kFloat64).div_(255.0);
  const auto mean = pixels.mean({0, 2, 3});
  const auto std = pixels.std({0, 2, 3}, /*unbiased=*/false);

  ChannelStatistics statistics;
  for (int64_t c = 0; c < mean.size(0); ++c) {
    statistics.mean.push_back(mean[c].item<double>());
    // A constant channel would divide by zero; leave it centred but unscaled.
    const double value = std[c].item<double>();
    statistics.std.push_back(value > 1e-12 ? value : 1.0);
  }
  return statistics;
}

BatchNormalizer::BatchNormalizer(const ChannelStatistics& statistics, torch::Device device) {
  const auto channels = static_cast<int64_t>(statistics.mean.size());
  auto scale = torch::empty({1, channels, 1, 1}, torch::kFloat32);
  auto shift = torch::empty({1, channels, 1, 1}, torch::kFloat32);
  for (int64_t c = 0; c < channels; ++c) {
    // (x / 255 - mean) / std == x * (1 / (255 std)) + (-mean / std)
    scale[0][c][0][0] = 1.0 / (255.0 * statistics.std[c]);
    shift[0][c][0][0] = -statistics.mean[c] / statistics.std[c];
  }
  scale_ = scale.to(device);
  shift_ = shift.to(device);
}

torch::Tensor BatchNormalizer::operator()(const torch::Tensor& batch) const {
  return torch::addcmul(shift_, batch.to(torch::kFloat32), scale_);
}

}  // namespace runner::train
