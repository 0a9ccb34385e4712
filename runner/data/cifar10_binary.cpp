// The CIFAR-10 binary version: fixed-size records and a plain-text list of class names.
#include <fmt/format.h>

#include "runner/data/cifar10_batches.h"
#include "runner/errors.h"

namespace runner::data {

void append_cifar10_binary_batch(const std::vector<uint8_t>& bytes, const std::string& source, ImageSet& split) {
  constexpr size_t kRecordBytes = 1 + kCifar10ImageBytes;  // 3073
  if (bytes.empty() || bytes.size() % kRecordBytes != 0) {
    throw DataError(
        fmt::format("{}: wrong file size: expected a non-zero multiple of {} bytes (1 label byte and {} "
                    "pixel bytes per image), found {} bytes",
                    source, kRecordBytes, kCifar10ImageBytes, bytes.size()));
  }

  const size_t count = bytes.size() / kRecordBytes;
  split.pixels.reserve(split.pixels.size() + count * kCifar10ImageBytes);
  split.labels.reserve(split.labels.size() + count);
  for (size_t index = 0; index < count; ++index) {
    const uint8_t* record = bytes.data() + index * kRecordBytes;
    if (record[0] >= kCifar10ClassCount) {
      throw DataError(fmt::format("{}: label {} at index {} is out of range (expected 0 to {})", source, record[0],
                                  index, kCifar10ClassCount - 1));
    }
    split.labels.push_back(record[0]);
    split.pixels.insert(split.pixels.end(), record + 1, record + kRecordBytes);
  }
  split.count += static_cast<int64_t>(count);
}

std::vector<std::string> parse_cifar10_binary_meta(const std::vector<uint8_t>& bytes, const std::string& source) {
  std::vector<std::string> names;
  std::string line;
  for (size_t index = 0; index <= bytes.size(); ++index) {
    const bool line_ends = index == bytes.size() || bytes[index] == '\n';
    if (!line_ends) {
      line.push_back(static_cast<char>(bytes[index]));
      continue;
    }

    // The published file ends with blank lines and may have Windows line endings after a round trip.
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos) {
      names.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
    }
    line.clear();
  }

  if (names.size() != static_cast<size_t>(kCifar10ClassCount)) {
    throw DataError(
        fmt::format("{}: expected {} class names, one per line, found {}", source, kCifar10ClassCount, names.size()));
  }
  return names;
}

}  // namespace runner::data
