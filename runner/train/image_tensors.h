// Image sets as uint8 tensors on the training device, normalised to float one batch at a time so a
// whole dataset costs one byte per pixel in memory.
#pragma once

#include <vector>

#include <torch/types.h>

#include "runner/data/image_dataset.h"

namespace runner::train {

struct ImageTensors {
  torch::Tensor images;  // (N, C, H, W) uint8
  torch::Tensor labels;  // (N) int64
  int64_t size() const { return labels.size(0); }
};

// The first `limit` samples of `set` (0 = all) as tensors on `device`.
ImageTensors to_tensors(const data::ImageSet& set, int64_t limit, torch::Device device);

// Per-channel mean and standard deviation of `images` in [0, 1] pixel units.
struct ChannelStatistics {
  std::vector<double> mean;
  std::vector<double> std;
};
ChannelStatistics channel_statistics(const torch::Tensor& images);

// Converts a uint8 batch to float and applies (x / 255 - mean) / std per channel.
class BatchNormalizer {
 public:
  BatchNormalizer(const ChannelStatistics& statistics, torch::Device device);
  torch::Tensor operator()(const torch::Tensor& batch) const;  // (N, C, H, W) uint8 -> float

 private:
  torch::Tensor scale_;  // (1, C, 1, 1)
  torch::Tensor shift_;  // (1, C, 1, 1)
};

}  // namespace runner::train
