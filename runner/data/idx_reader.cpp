// MNIST and Fashion-MNIST in the IDX format: a big-endian header followed by raw unsigned bytes.
#include <fmt/format.h>

#include <array>
#include <limits>
#include <string>
#include <vector>

#include "runner/data/byte_file.h"
#include "runner/data/image_dataset.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

// The magic number is 0x0000 followed by the element type (0x08, unsigned byte) and the rank.
constexpr uint32_t kIdxImagesMagic = 0x00000803;
constexpr uint32_t kIdxLabelsMagic = 0x00000801;
constexpr size_t kIdxImagesHeaderBytes = 16;  // magic, count, rows, columns
constexpr size_t kIdxLabelsHeaderBytes = 8;   // magic, count
constexpr int64_t kMnistClassCount = 10;

const std::vector<std::string> kDigitClassNames = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
const std::vector<std::string> kFashionClassNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

std::string missing_data_hint(bool fashion) {
  if (fashion) {
    return fmt::format(
        "Install it with `apt install dataset-fashion-mnist` (files go to {}) or point data.path at a folder "
        "with the four Fashion-MNIST IDX files.",
        kFashionMnistDebianPath);
  }
  return "Point data.path at a folder with the four MNIST IDX files (train-images-idx3-ubyte, "
         "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz).";
}

// Finds an IDX file by its canonical name such as "train-images-idx3-ubyte". It accepts the plain file,
// a .gz copy, and the "train-images.idx3-ubyte" spelling that some mirrors use.
std::filesystem::path find_idx_file(const std::filesystem::path& directory, const std::string& name, bool fashion) {
  std::string dotted = name;
  dotted[dotted.rfind("-idx")] = '.';
  const std::array<std::string, 4> candidates = {name, name + ".gz", dotted, dotted + ".gz"};

  for (const std::string& candidate : candidates) {
    if (std::filesystem::is_regular_file(directory / candidate)) {
      return directory / candidate;
    }
  }
  throw DataError(fmt::format("{}: IDX file {} not found (also looked for {}, {} and {}). {}", directory.string(), name,
                              candidates[1], candidates[2], candidates[3], missing_data_hint(fashion)));
}

std::vector<uint8_t> read_idx_bytes(const std::filesystem::path& path) {
  if (path.extension() == ".gz") {
    return read_gzip_file(path);
  }
  return read_file_bytes(path);
}

uint32_t read_big_endian_u32(const std::vector<uint8_t>& bytes, size_t offset) {
  return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) | (uint32_t{bytes[offset + 2]} << 8) |
         uint32_t{bytes[offset + 3]};
}

// Checks the header length and magic number, the only parts common to image and label files.
void check_idx_header(const std::vector<uint8_t>& bytes, const std::filesystem::path& path, size_t header_bytes,
                      uint32_t magic) {
  if (bytes.size() < header_bytes) {
    throw DataError(fmt::format("{}: truncated IDX file: expected at least {} header bytes, found {} bytes",
                                path.string(), header_bytes, bytes.size()));
  }

  const uint32_t found = read_big_endian_u32(bytes, 0);
  if (found != magic) {
    throw DataError(
        fmt::format("{}: wrong IDX magic number: expected 0x{:08x}, found 0x{:08x}", path.string(), magic, found));
  }
}

void check_idx_size(const std::vector<uint8_t>& bytes, const std::filesystem::path& path, size_t header_bytes,
                    uint64_t count, uint64_t item_bytes) {
  if (item_bytes != 0 && count > (std::numeric_limits<uint64_t>::max() - header_bytes) / item_bytes) {
    throw DataError(
        fmt::format("{}: invalid IDX header: {} items of {} bytes is too large", path.string(), count, item_bytes));
  }

  const uint64_t expected = header_bytes + count * item_bytes;
  if (bytes.size() != expected) {
    throw DataError(fmt::format("{}: wrong file size for {} items of {} bytes: expected {} bytes, found {}",
                                path.string(), count, item_bytes, expected, bytes.size()));
  }
}

// Decodes an images file into (N, 1, H, W) and leaves the labels empty.
ImageSet decode_idx_images(const std::filesystem::path& path) {
  const std::vector<uint8_t> bytes = read_idx_bytes(path);
  check_idx_header(bytes, path, kIdxImagesHeaderBytes, kIdxImagesMagic);

  ImageSet images;
  images.count = read_big_endian_u32(bytes, 4);
  images.channels = 1;
  images.height = read_big_endian_u32(bytes, 8);
  images.width = read_big_endian_u32(bytes, 12);
  check_idx_size(bytes, path, kIdxImagesHeaderBytes, static_cast<uint64_t>(images.count),
                 static_cast<uint64_t>(images.height) * static_cast<uint64_t>(images.width));

  images.pixels.assign(bytes.begin() + kIdxImagesHeaderBytes, bytes.end());
  return images;
}

std::vector<int64_t> decode_idx_labels(const std::filesystem::path& path) {
  const std::vector<uint8_t> bytes = read_idx_bytes(path);
  check_idx_header(bytes, path, kIdxLabelsHeaderBytes, kIdxLabelsMagic);
  const uint32_t count = read_big_endian_u32(bytes, 4);
  check_idx_size(bytes, path, kIdxLabelsHeaderBytes, count, 1);

  std::vector<int64_t> labels(count);
  for (size_t index = 0; index < count; ++index) {
    labels[index] = bytes[kIdxLabelsHeaderBytes + index];
    if (labels[index] >= kMnistClassCount) {
      throw DataError(fmt::format("{}: label {} at index {} is out of range (expected 0 to {})", path.string(),
                                  labels[index], index, kMnistClassCount - 1));
    }
  }
  return labels;
}

ImageSet load_idx_split(const std::filesystem::path& directory, const std::string& images_name,
                        const std::string& labels_name, bool fashion) {
  const std::filesystem::path images_path = find_idx_file(directory, images_name, fashion);
  const std::filesystem::path labels_path = find_idx_file(directory, labels_name, fashion);

  ImageSet split = decode_idx_images(images_path);
  split.labels = decode_idx_labels(labels_path);
  if (static_cast<int64_t>(split.labels.size()) != split.count) {
    throw DataError(fmt::format("{}: contains {} labels, but {} contains {} images", labels_path.string(),
                                split.labels.size(), images_path.string(), split.count));
  }
  return split;
}

}  // namespace

ImageDataset load_mnist_idx(const std::filesystem::path& directory, bool fashion) {
  const char* title = fashion ? "Fashion-MNIST" : "MNIST";
  if (!std::filesystem::is_directory(directory)) {
    throw DataError(fmt::format("{}: {} folder not found. {}", directory.string(), title, missing_data_hint(fashion)));
  }

  ImageDataset dataset;
  dataset.train = load_idx_split(directory, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", fashion);
  dataset.test = load_idx_split(directory, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", fashion);
  if (dataset.test.height != dataset.train.height || dataset.test.width != dataset.train.width) {
    throw DataError(fmt::format("{}: test images are {}x{}, but training images are {}x{}", directory.string(),
                                dataset.test.height, dataset.test.width, dataset.train.height, dataset.train.width));
  }

  dataset.class_names = fashion ? kFashionClassNames : kDigitClassNames;
  dataset.description = fmt::format("{} IDX files in {}", title, directory.string());
  return dataset;
}

}  // namespace runner::data
