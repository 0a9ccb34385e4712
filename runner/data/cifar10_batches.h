// Decoders for the batch and metadata files of the two CIFAR-10 versions, used by load_cifar10.
// `source` names the file in error messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runner/data/image_dataset.h"

namespace runner::data {

constexpr int64_t kCifar10Channels = 3;
constexpr int64_t kCifar10Side = 32;
constexpr int64_t kCifar10ImageBytes = kCifar10Channels * kCifar10Side * kCifar10Side;  // 3072: R, G, B planes
constexpr int64_t kCifar10ClassCount = 10;

// Appends the records of a binary batch (.bin) to `split`, whose images are (N, 3, 32, 32). Each record is
// one label byte followed by the 1024 red, 1024 green and 1024 blue bytes of a row-major 32x32 image.
void append_cifar10_binary_batch(const std::vector<uint8_t>& bytes, const std::string& source, ImageSet& split);

// Appends a Python batch (a protocol 2 pickle of a dict with "data", an (N, 3072) uint8 array in the same
// plane order, and "labels", a list of N ints) to `split`.
void append_cifar10_python_batch(const std::vector<uint8_t>& bytes, const std::string& source, ImageSet& split);

// Returns the class names in batches.meta.txt, one per non-empty line.
std::vector<std::string> parse_cifar10_binary_meta(const std::vector<uint8_t>& bytes, const std::string& source);

// Returns the "label_names" list of the batches.meta pickle.
std::vector<std::string> parse_cifar10_python_meta(const std::vector<uint8_t>& bytes, const std::string& source);

}  // namespace runner::data
