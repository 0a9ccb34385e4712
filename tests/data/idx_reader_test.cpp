// MNIST-style IDX files, plain and gzipped, written by the test in the published layout.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "runner/data/byte_file.h"
#include "runner/data/image_dataset.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;

void append_big_endian(std::vector<uint8_t>& bytes, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    bytes.push_back(static_cast<uint8_t>(value >> shift));
  }
}

std::vector<uint8_t> idx_images(uint32_t count, uint32_t rows, uint32_t columns, const std::vector<uint8_t>& pixels,
                                uint32_t magic = kImagesMagic) {
  std::vector<uint8_t> bytes;
  append_big_endian(bytes, magic);
  append_big_endian(bytes, count);
  append_big_endian(bytes, rows);
  append_big_endian(bytes, columns);
  bytes.insert(bytes.end(), pixels.begin(), pixels.end());
  return bytes;
}

std::vector<uint8_t> idx_labels(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> bytes;
  append_big_endian(bytes, kLabelsMagic);
  append_big_endian(bytes, static_cast<uint32_t>(labels.size()));
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  return bytes;
}

void write_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream stream(path, std::ios::binary);
  stream.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string data_error_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const DataError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a runner::DataError";
  return "";
}

::testing::AssertionResult contains(const std::string& message, const std::string& part) {
  if (message.find(part) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "'" << part << "' not found in: " << message;
}

// Three 2x3 training images and two 2x3 test images. The last test pixel is 255, the largest byte value.
const std::vector<uint8_t> kTrainPixels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
const std::vector<uint8_t> kTestPixels = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 255};
const std::vector<uint8_t> kTrainLabels = {7, 0, 9};
const std::vector<uint8_t> kTestLabels = {3, 5};

class IdxReader : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 fmt::format("runner_{}_{}_{}", test->test_suite_name(), test->name(), getpid());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Writes the four files under their canonical names plus `suffix` (".gz" compresses them).
  void write_dataset(const std::string& suffix) {
    const auto write = [&](const std::string& name, const std::vector<uint8_t>& bytes) {
      if (suffix == ".gz") {
        write_gzip_file(directory_ / (name + suffix), bytes);
      } else {
        write_file(directory_ / (name + suffix), bytes);
      }
    };
    write("train-images-idx3-ubyte", idx_images(3, 2, 3, kTrainPixels));
    write("train-labels-idx1-ubyte", idx_labels(kTrainLabels));
    write("t10k-images-idx3-ubyte", idx_images(2, 2, 3, kTestPixels));
    write("t10k-labels-idx1-ubyte", idx_labels(kTestLabels));
  }

  std::filesystem::path directory_;
};

TEST_F(IdxReader, PlainFiles) {
  write_dataset("");
  const ImageDataset dataset = load_mnist_idx(directory_, false);

  EXPECT_EQ(dataset.train.count, 3);
  EXPECT_EQ(dataset.train.channels, 1);
  EXPECT_EQ(dataset.train.height, 2);
  EXPECT_EQ(dataset.train.width, 3);
  EXPECT_EQ(dataset.train.pixels, kTrainPixels);
  EXPECT_EQ(dataset.train.labels, (std::vector<int64_t>{7, 0, 9}));
  EXPECT_EQ(dataset.test.count, 2);
  EXPECT_EQ(dataset.test.pixels, kTestPixels);
  EXPECT_EQ(dataset.test.labels, (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  EXPECT_EQ(dataset.description, "MNIST IDX files in " + directory_.string());
}

TEST_F(IdxReader, GzipFiles) {
  write_dataset(".gz");
  const ImageDataset dataset = load_mnist_idx(directory_, true);

  EXPECT_EQ(dataset.train.count, 3);
  EXPECT_EQ(dataset.train.pixels, kTrainPixels);
  EXPECT_EQ(dataset.train.labels, (std::vector<int64_t>{7, 0, 9}));
  EXPECT_EQ(dataset.test.pixels, kTestPixels);
  EXPECT_EQ(dataset.test.labels, (std::vector<int64_t>{3, 5}));
  ASSERT_EQ(dataset.class_names.size(), 10u);
  EXPECT_EQ(dataset.class_names[0], "T-shirt/top");
  EXPECT_EQ(dataset.class_names[9], "Ankle boot");
  EXPECT_EQ(dataset.description, "Fashion-MNIST IDX files in " + directory_.string());
}

TEST_F(IdxReader, DottedNames) {
  write_file(directory_ / "train-images.idx3-ubyte", idx_images(3, 2, 3, kTrainPixels));
  write_gzip_file(directory_ / "train-labels.idx1-ubyte.gz", idx_labels(kTrainLabels));
  write_file(directory_ / "t10k-images.idx3-ubyte", idx_images(2, 2, 3, kTestPixels));
  write_file(directory_ / "t10k-labels.idx1-ubyte", idx_labels(kTestLabels));

  const ImageDataset dataset = load_mnist_idx(directory_, false);
  EXPECT_EQ(dataset.train.pixels, kTrainPixels);
  EXPECT_EQ(dataset.train.labels, (std::vector<int64_t>{7, 0, 9}));
}

TEST_F(IdxReader, WrongMagic) {
  write_dataset("");
  write_file(directory_ / "t10k-images-idx3-ubyte", idx_images(2, 2, 3, kTestPixels, 0x00000801));

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "t10k-images-idx3-ubyte").string()));
  EXPECT_TRUE(contains(message, "expected 0x00000803, found 0x00000801"));
}

TEST_F(IdxReader, TruncatedImages) {
  write_dataset("");
  std::vector<uint8_t> truncated = idx_images(3, 2, 3, kTrainPixels);
  truncated.pop_back();
  write_file(directory_ / "train-images-idx3-ubyte", truncated);

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "train-images-idx3-ubyte").string()));
  EXPECT_TRUE(contains(message, "expected 34 bytes, found 33"));
}

TEST_F(IdxReader, TruncatedHeader) {
  write_dataset("");
  write_file(directory_ / "train-labels-idx1-ubyte", {0, 0, 8, 1, 0});

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "train-labels-idx1-ubyte").string()));
  EXPECT_TRUE(contains(message, "expected at least 8 header bytes, found 5 bytes"));
}

TEST_F(IdxReader, LabelOutOfRange) {
  write_dataset("");
  write_file(directory_ / "t10k-labels-idx1-ubyte", idx_labels({3, 10}));

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "t10k-labels-idx1-ubyte").string()));
  EXPECT_TRUE(contains(message, "label 10 at index 1 is out of range"));
}

TEST_F(IdxReader, LabelCountMismatch) {
  write_dataset("");
  write_file(directory_ / "t10k-labels-idx1-ubyte", idx_labels({3, 5, 1}));

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, "contains 3 labels"));
  EXPECT_TRUE(contains(message, "contains 2 images"));
}

TEST_F(IdxReader, CorruptGzip) {
  write_dataset(".gz");
  std::vector<uint8_t> compressed = read_file_bytes(directory_ / "train-images-idx3-ubyte.gz");
  compressed.resize(compressed.size() / 2);
  write_file(directory_ / "train-images-idx3-ubyte.gz", compressed);

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "train-images-idx3-ubyte.gz").string()));
  EXPECT_TRUE(contains(message, "corrupt gzip data"));
}

TEST_F(IdxReader, NotGzipData) {
  write_dataset("");
  write_file(directory_ / "train-labels-idx1-ubyte.gz", idx_labels(kTrainLabels));
  std::filesystem::remove(directory_ / "train-labels-idx1-ubyte");

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, (directory_ / "train-labels-idx1-ubyte.gz").string()));
  EXPECT_TRUE(contains(message, "not a gzip file"));
}

TEST_F(IdxReader, MissingFileNamed) {
  write_dataset("");
  std::filesystem::remove(directory_ / "t10k-labels-idx1-ubyte");

  const std::string message = data_error_message([&] { load_mnist_idx(directory_, false); });
  EXPECT_TRUE(contains(message, "IDX file t10k-labels-idx1-ubyte not found"));
  EXPECT_TRUE(contains(message, "t10k-labels.idx1-ubyte.gz"));
  EXPECT_TRUE(contains(message, "data.path"));
}

TEST_F(IdxReader, MissingFolderHint) {
  const std::filesystem::path missing = directory_ / "absent";

  const std::string fashion = data_error_message([&] { load_mnist_idx(missing, true); });
  EXPECT_TRUE(contains(fashion, missing.string() + ": Fashion-MNIST folder not found"));
  EXPECT_TRUE(contains(fashion, "apt install dataset-fashion-mnist"));
  EXPECT_TRUE(contains(fashion, "data.path"));

  const std::string digits = data_error_message([&] { load_mnist_idx(missing, false); });
  EXPECT_TRUE(contains(digits, missing.string() + ": MNIST folder not found"));
  EXPECT_TRUE(contains(digits, "train-images-idx3-ubyte"));
}

}  // namespace
}  // namespace runner::data
