#include "runner/train/augmentation.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

namespace runner::train {

Augmenter::Augmenter(const config::AugmentationConfig& config, uint64_t seed)
    : config_(config), generator_(at::detail::createCPUGenerator(seed)) {}

bool Augmenter::enabled() const { return config_.hflip > 0.0 || config_.crop_padding > 0; }

torch::Tensor Augmenter::operator()(const torch::Tensor& batch) {
  torch::Tensor result = batch;
  if (config_.crop_padding > 0) result = crop(result);
  if (config_.hflip > 0.0) result = flip(result);
  return result;
}

torch::Tensor Augmenter::flip(const torch::Tensor& batch) {
  const int64_t count = batch.size(0);
  const auto draws = torch::rand({count}, generator_, torch::kFloat32);
  const auto flipped = (draws < config_.hflip).to(batch.device()).view({count, 1, 1, 1});
  return torch::where(flipped, batch.flip({3}), batch);
}

torch::Tensor Augmenter::crop(const torch::Tensor& batch) {
  const int64_t pad = config_.crop_padding;
  const int64_t height = batch.size(2);
  const int64_t width = batch.size(3);
  namespace F = torch::nn::functional;
  // Zero padding in normalised units is the mean pixel, the usual choice for this augmentation.
  const auto padded = F::pad(batch, F::PadFuncOptions({pad, pad, pad, pad}));
  const auto offsets = torch::randint(0, 2 * pad + 1, {batch.size(0), 2}, generator_, torch::kInt64);
  const auto offsets_cpu = offsets.accessor<int64_t, 2>();

  std::vector<torch::Tensor> crops;
  crops.reserve(batch.size(0));
  for (int64_t i = 0; i < batch.size(0); ++i) {
    crops.push_back(padded[i].narrow(1, offsets_cpu[i][0], height).narrow(2, offsets_cpu[i][1], width));
  }
  return torch::stack(crops);
}

}  // namespace runner::train
