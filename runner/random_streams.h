// Named random streams: one run seed gives an independent seed per purpose, so that changing how
// often a run evaluates, or whether it augments, never changes its initial weights, its data order
// or which labels are noisy.
#pragma once

#include <cstdint>
#include <string_view>

namespace runner {

// Stream names used by the training engine.
inline constexpr std::string_view kInitStream = "init";
inline constexpr std::string_view kDataOrderStream = "data_order";
inline constexpr std::string_view kLabelNoiseStream = "label_noise";
inline constexpr std::string_view kAugmentationStream = "augmentation";
inline constexpr std::string_view kDropoutStream = "dropout";  // dropout and stochastic depth

// A 64-bit seed for `purpose`, derived from `run_seed` by hashing the name (FNV-1a) and mixing both
// with SplitMix64. The result depends only on the two inputs, on every platform.
uint64_t derive_seed(uint64_t run_seed, std::string_view purpose);

}  // namespace runner
