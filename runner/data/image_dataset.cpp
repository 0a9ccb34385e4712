#include "runner/data/image_dataset.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "runner/errors.h"

namespace runner::data {
namespace {

size_t edit_distance(const std::string& left, const std::string& right) {
  std::vector<size_t> previous(right.size() + 1);
  std::vector<size_t> current(right.size() + 1);
  for (size_t column = 0; column <= right.size(); ++column) {
    previous[column] = column;
  }

  for (size_t row = 1; row <= left.size(); ++row) {
    current[0] = row;
    for (size_t column = 1; column <= right.size(); ++column) {
      const size_t substitution = previous[column - 1] + (left[row - 1] == right[column - 1] ? 0 : 1);
      current[column] = std::min({previous[column] + 1, current[column - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[right.size()];
}

[[noreturn]] void throw_unknown_dataset(const std::string& name) {
  const std::vector<std::string> names = dataset_names();
  const auto closest = std::min_element(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return edit_distance(name, a) < edit_distance(name, b);
  });
  throw DataError(fmt::format("unknown dataset '{}'. Did you mean '{}'? Known datasets: {}", name, *closest,
                              fmt::join(names, ", ")));
}

}  // namespace

std::vector<std::string> dataset_names() { return {"mnist", "fashion_mnist", "cifar10"}; }

ImageDataset load_image_dataset(const std::string& name, const std::filesystem::path& path) {
  if (name == "mnist") {
    return load_mnist_idx(path, false);
  }
  if (name == "fashion_mnist") {
    return load_mnist_idx(path.empty() ? std::filesystem::path(kFashionMnistDebianPath) : path, true);
  }
  if (name == "cifar10") {
    return load_cifar10(path);
  }
  throw_unknown_dataset(name);
}

}  // namespace runner::data
