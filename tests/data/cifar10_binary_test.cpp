// CIFAR-10 binary version, written by the test as cifar-10-binary.tar.gz and as its extracted folder.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "runner/data/archive_writer.h"
#include "runner/data/image_dataset.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

constexpr int kImagesPerBatch = 2;  // the published files hold 10000
const std::vector<std::string> kClassNames = {"airplane", "automobile", "bird",  "cat",  "deer",
                                              "dog",      "frog",       "horse", "ship", "truck"};
const std::vector<std::string> kBatchNames = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                              "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};

// Image `image` counts across all batches, test batch last. Channels differ by 80, so a plane mix-up shows.
uint8_t pixel_value(int image, int channel, int row, int column) {
  return static_cast<uint8_t>((image * 11 + channel * 80 + row * 3 + column * 7) % 256);
}

int64_t label_value(int image) { return (image * 3 + 1) % 10; }

// One record per image: the label byte, then the red, green and blue planes, each row-major 32x32.
std::vector<uint8_t> binary_batch(int batch) {
  std::vector<uint8_t> bytes;
  for (int record = 0; record < kImagesPerBatch; ++record) {
    const int image = batch * kImagesPerBatch + record;
    bytes.push_back(static_cast<uint8_t>(label_value(image)));
    for (int channel = 0; channel < 3; ++channel) {
      for (int row = 0; row < 32; ++row) {
        for (int column = 0; column < 32; ++column) {
          bytes.push_back(pixel_value(image, channel, row, column));
        }
      }
    }
  }
  return bytes;
}

std::vector<uint8_t> meta_text() {
  std::string text;
  for (const std::string& name : kClassNames) {
    text += name + "\n";
  }
  text += "\n";  // the published file ends with a blank line
  return std::vector<uint8_t>(text.begin(), text.end());
}

std::vector<ArchiveMember> binary_members() {
  std::vector<ArchiveMember> members;
  for (size_t batch = 0; batch < kBatchNames.size(); ++batch) {
    members.push_back({"cifar-10-batches-bin/" + kBatchNames[batch], binary_batch(static_cast<int>(batch))});
  }
  members.push_back({"cifar-10-batches-bin/batches.meta.txt", meta_text()});
  members.push_back({"cifar-10-batches-bin/readme.html", {'<', 'p', '>'}});
  return members;
}

void write_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::filesystem::create_directories(path.parent_path());
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

// Checks every pixel and label of the 12 images that binary_members() writes.
void expect_test_images(const ImageDataset& dataset) {
  ASSERT_EQ(dataset.train.count, 10);
  ASSERT_EQ(dataset.test.count, 2);
  for (const ImageSet* split : {&dataset.train, &dataset.test}) {
    EXPECT_EQ(split->channels, 3);
    EXPECT_EQ(split->height, 32);
    EXPECT_EQ(split->width, 32);
    ASSERT_EQ(split->pixels.size(), static_cast<size_t>(split->count) * 3072);
    ASSERT_EQ(split->labels.size(), static_cast<size_t>(split->count));
  }

  for (int image = 0; image < 12; ++image) {
    const ImageSet& split = image < 10 ? dataset.train : dataset.test;
    const int index = image < 10 ? image : image - 10;
    EXPECT_EQ(split.labels[static_cast<size_t>(index)], label_value(image)) << "image " << image;
    for (int channel = 0; channel < 3; ++channel) {
      for (int position = 0; position < 1024; ++position) {
        const size_t offset = static_cast<size_t>(index) * 3072 + static_cast<size_t>(channel) * 1024 + position;
        ASSERT_EQ(split.pixels[offset], pixel_value(image, channel, position / 32, position % 32))
            << "image " << image << " channel " << channel << " position " << position;
      }
    }
  }
}

class Cifar10Binary : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 fmt::format("runner_{}_{}_{}", test->test_suite_name(), test->name(), getpid());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
};

TEST_F(Cifar10Binary, Archive) {
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_tar_gz(archive, binary_members());

  const ImageDataset dataset = load_cifar10(archive);
  expect_test_images(dataset);
  EXPECT_EQ(dataset.class_names, kClassNames);
  EXPECT_EQ(dataset.description, "CIFAR-10 binary archive " + archive.string());

  // Literal spot checks of the plane order: training image 1 (label 4), pixel (row 0, column 1).
  EXPECT_EQ(dataset.train.labels[1], 4);
  EXPECT_EQ(dataset.train.pixels[3072 + 0 * 1024 + 1], 18);   // red: 11 + 7
  EXPECT_EQ(dataset.train.pixels[3072 + 1 * 1024 + 1], 98);   // green: 11 + 80 + 7
  EXPECT_EQ(dataset.train.pixels[3072 + 2 * 1024 + 1], 178);  // blue: 11 + 160 + 7
}

TEST_F(Cifar10Binary, ExtractedFolderAndParent) {
  for (const ArchiveMember& member : binary_members()) {
    write_file(directory_ / member.path, member.bytes);
  }

  const ImageDataset from_folder = load_cifar10(directory_ / "cifar-10-batches-bin");
  expect_test_images(from_folder);
  EXPECT_EQ(from_folder.class_names, kClassNames);
  EXPECT_EQ(from_folder.description, "CIFAR-10 binary batches in " + (directory_ / "cifar-10-batches-bin").string());

  const ImageDataset from_parent = load_image_dataset("cifar10", directory_);
  expect_test_images(from_parent);
  EXPECT_EQ(from_parent.train.pixels, from_folder.train.pixels);
}

TEST_F(Cifar10Binary, SizeNotRecordMultiple) {
  std::vector<ArchiveMember> members = binary_members();
  members[5].bytes.resize(members[5].bytes.size() - 5);  // test_batch.bin: 2 * 3073 - 5 = 6141 bytes
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_tar_gz(archive, members);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, archive.string() + ":cifar-10-batches-bin/test_batch.bin: wrong file size"));
  EXPECT_TRUE(contains(message, "expected a non-zero multiple of 3073 bytes"));
  EXPECT_TRUE(contains(message, "found 6141 bytes"));
}

TEST_F(Cifar10Binary, LabelOutOfRange) {
  std::vector<ArchiveMember> members = binary_members();
  members[2].bytes[3073] = 10;  // data_batch_3.bin, second record
  for (const ArchiveMember& member : members) {
    write_file(directory_ / member.path, member.bytes);
  }

  const std::string message = data_error_message([&] { load_cifar10(directory_); });
  EXPECT_TRUE(contains(message, (directory_ / "cifar-10-batches-bin" / "data_batch_3.bin").string()));
  EXPECT_TRUE(contains(message, "label 10 at index 1 is out of range (expected 0 to 9)"));
}

TEST_F(Cifar10Binary, WrongClassNameCount) {
  std::vector<ArchiveMember> members = binary_members();
  members[6].bytes = {'c', 'a', 't', '\n'};
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_tar_gz(archive, members);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, "batches.meta.txt: expected 10 class names, one per line, found 1"));
}

TEST_F(Cifar10Binary, MissingArchiveMember) {
  std::vector<ArchiveMember> members = binary_members();
  members.erase(members.begin() + 2);
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_tar_gz(archive, members);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, archive.string() + ": archive member cifar-10-batches-bin/data_batch_3.bin not found"));
}

TEST_F(Cifar10Binary, MissingFolderFile) {
  std::vector<ArchiveMember> members = binary_members();
  members.erase(members.begin() + 5);
  for (const ArchiveMember& member : members) {
    write_file(directory_ / member.path, member.bytes);
  }

  const std::string message = data_error_message([&] { load_cifar10(directory_); });
  EXPECT_TRUE(
      contains(message, (directory_ / "cifar-10-batches-bin" / "test_batch.bin").string() + ": file not found"));
}

TEST_F(Cifar10Binary, MissingPathHint) {
  const std::filesystem::path missing = directory_ / "cifar-10-python.tar.gz";

  const std::string message = data_error_message([&] { load_cifar10(missing); });
  EXPECT_TRUE(contains(message, missing.string() + ": CIFAR-10 archive or folder not found"));
  EXPECT_TRUE(contains(message, "cifar-10-python.tar.gz or cifar-10-binary.tar.gz"));
  EXPECT_TRUE(contains(message, "https://www.cs.toronto.edu/~kriz/cifar.html"));
  EXPECT_TRUE(contains(message, "data.path"));
}

TEST_F(Cifar10Binary, FolderWithoutBatches) {
  const std::string message = data_error_message([&] { load_cifar10(directory_); });
  EXPECT_TRUE(contains(message, directory_.string() + ": no CIFAR-10 batches found"));
  EXPECT_TRUE(contains(message, "https://www.cs.toronto.edu/~kriz/cifar.html"));
}

TEST_F(Cifar10Binary, CorruptArchive) {
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_tar_gz(archive, binary_members());
  std::filesystem::resize_file(archive, std::filesystem::file_size(archive) / 2);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, archive.string() + ": corrupt or unreadable archive"));
}

TEST_F(Cifar10Binary, NotAnArchive) {
  const std::filesystem::path archive = directory_ / "cifar-10-binary.tar.gz";
  write_file(archive, std::vector<uint8_t>(100, 'x'));

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, archive.string() + ": corrupt or unreadable archive"));
}

TEST_F(Cifar10Binary, ArchiveOfOtherFiles) {
  const std::filesystem::path archive = directory_ / "other.tar.gz";
  write_tar_gz(archive, {{"notes/readme.txt", {'h', 'i'}}});

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(
      contains(message, archive.string() + ": archive contains no cifar-10-batches-bin/ or cifar-10-batches-py/"));
}

}  // namespace
}  // namespace runner::data
