// Image classification datasets decoded into plain byte arrays, with no LibTorch dependency.
//
// Shape letters: N images, C channels, H rows, W columns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace runner::data {

// Images of shape (N, C, H, W), uint8, row-major, and one int64 label per image.
struct ImageSet {
  int64_t count = 0;
  int64_t channels = 0;
  int64_t height = 0;
  int64_t width = 0;
  std::vector<uint8_t> pixels;  // (N, C, H, W)
  std::vector<int64_t> labels;  // (N)
};

struct ImageDataset {
  ImageSet train;
  ImageSet test;
  std::vector<std::string> class_names;  // indexed by label
  std::string description;               // the format and where it was read from, for logs
};

// Folder that Debian's dataset-fashion-mnist package installs the four gzipped IDX files into.
inline constexpr const char* kFashionMnistDebianPath = "/usr/share/datasets/fashion-mnist";

// Returns the dataset names that load_image_dataset accepts: mnist, fashion_mnist, cifar10.
std::vector<std::string> dataset_names();

// Loads the named dataset from `path` and throws runner::DataError for an unknown name or a missing or
// malformed file. An empty path for fashion_mnist means kFashionMnistDebianPath.
ImageDataset load_image_dataset(const std::string& name, const std::filesystem::path& path);

// Loads MNIST (or Fashion-MNIST when `fashion` is true) from a folder with the four IDX files, each plain
// or gzipped.
ImageDataset load_mnist_idx(const std::filesystem::path& directory, bool fashion);

// Loads CIFAR-10 from the binary or Python version, given as the .tar.gz archive, the extracted
// cifar-10-batches-bin or cifar-10-batches-py folder, or the folder that contains it.
ImageDataset load_cifar10(const std::filesystem::path& path);

}  // namespace runner::data
