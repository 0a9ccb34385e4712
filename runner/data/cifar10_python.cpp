// The CIFAR-10 Python version: each batch is a pickled dict, decoded by the safe pickle decoder.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "runner/data/cifar10_batches.h"
#include "runner/data/pickle_reader.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

using Kind = PickleValue::Kind;

PickleValuePtr parse_pickled_dict(const std::vector<uint8_t>& bytes, const std::string& source) {
  PickleValuePtr root = parse_pickle(bytes, source);
  if (root->kind != Kind::kDict) {
    throw DataError(fmt::format("{}: expected a pickled dict, found {}", source, pickle_kind_name(root->kind)));
  }
  return root;
}

const PickleValue& require_key(const PickleValue& dict, const std::string& key, Kind kind, const std::string& source) {
  const PickleValue* value = find_dict_value(dict, key);
  if (value == nullptr) {
    throw DataError(fmt::format("{}: the pickled dict has no key '{}'", source, key));
  }
  if (value->kind != kind) {
    throw DataError(fmt::format("{}: '{}' must be a {}, found {}", source, key, pickle_kind_name(kind),
                                pickle_kind_name(value->kind)));
  }
  return *value;
}

// Checks that "data" is an (N, 3072) uint8 array and returns N.
size_t check_image_array(const PickleArray& array, const std::string& source) {
  if (array.dtype != "u1") {
    throw DataError(fmt::format("{}: 'data' must have dtype uint8 ('u1'), found '{}'", source, array.dtype));
  }
  if (array.shape.size() != 2 || array.shape[1] != kCifar10ImageBytes) {
    throw DataError(fmt::format("{}: 'data' must have shape (N, {}), found ({})", source, kCifar10ImageBytes,
                                fmt::join(array.shape, ", ")));
  }

  const auto count = static_cast<size_t>(array.shape[0]);
  if (array.data.size() != count * kCifar10ImageBytes) {
    throw DataError(fmt::format("{}: 'data' of shape ({}, {}) needs {} bytes, found {}", source, count,
                                kCifar10ImageBytes, count * kCifar10ImageBytes, array.data.size()));
  }
  return count;
}

}  // namespace

void append_cifar10_python_batch(const std::vector<uint8_t>& bytes, const std::string& source, ImageSet& split) {
  const PickleValuePtr batch = parse_pickled_dict(bytes, source);
  const PickleArray& images = require_key(*batch, "data", Kind::kArray, source).array;
  const PickleValue& labels = require_key(*batch, "labels", Kind::kList, source);

  const size_t count = check_image_array(images, source);
  if (labels.items.size() != count) {
    throw DataError(
        fmt::format("{}: 'labels' has {} entries, but 'data' has {} images", source, labels.items.size(), count));
  }

  for (size_t index = 0; index < count; ++index) {
    const PickleValue& label = *labels.items[index];
    if (label.kind != Kind::kInt) {
      throw DataError(
          fmt::format("{}: label at index {} must be an int, found {}", source, index, pickle_kind_name(label.kind)));
    }
    if (label.number < 0 || label.number >= kCifar10ClassCount) {
      throw DataError(fmt::format("{}: label {} at index {} is out of range (expected 0 to {})", source, label.number,
                                  index, kCifar10ClassCount - 1));
    }
    split.labels.push_back(label.number);
  }

  // Rows are already the R, G and B planes of one image, which is the (3, 32, 32) layout of ImageSet.
  split.pixels.insert(split.pixels.end(), images.data.begin(), images.data.end());
  split.count += static_cast<int64_t>(count);
}

std::vector<std::string> parse_cifar10_python_meta(const std::vector<uint8_t>& bytes, const std::string& source) {
  const PickleValuePtr meta = parse_pickled_dict(bytes, source);
  const PickleValue& label_names = require_key(*meta, "label_names", Kind::kList, source);

  std::vector<std::string> names;
  for (const PickleValuePtr& name : label_names.items) {
    if (name->kind != Kind::kBytes && name->kind != Kind::kText) {
      throw DataError(
          fmt::format("{}: 'label_names' must contain strings, found {}", source, pickle_kind_name(name->kind)));
    }
    names.push_back(name->text);
  }

  if (names.size() != static_cast<size_t>(kCifar10ClassCount)) {
    throw DataError(
        fmt::format("{}: expected {} entries in 'label_names', found {}", source, kCifar10ClassCount, names.size()));
  }
  return names;
}

}  // namespace runner::data
