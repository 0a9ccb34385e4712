// Reads the real Fashion-MNIST that Debian's dataset-fashion-mnist package installs.
#include <gtest/gtest.h>

#include <filesystem>

#include "runner/data/image_dataset.h"

namespace runner::data {
namespace {

TEST(FashionMnist, DebianPackageFiles) {
  if (!std::filesystem::is_directory(kFashionMnistDebianPath)) {
    GTEST_SKIP() << kFashionMnistDebianPath
                 << " is missing; run `apt install dataset-fashion-mnist` to enable this test";
  }

  // An empty path selects the Debian folder.
  const ImageDataset dataset = load_image_dataset("fashion_mnist", "");

  EXPECT_EQ(dataset.train.count, 60000);
  EXPECT_EQ(dataset.test.count, 10000);
  EXPECT_EQ(dataset.train.channels, 1);
  EXPECT_EQ(dataset.train.height, 28);
  EXPECT_EQ(dataset.train.width, 28);
  EXPECT_EQ(dataset.test.height, 28);
  EXPECT_EQ(dataset.test.width, 28);
  EXPECT_EQ(dataset.train.pixels.size(), 60000u * 28 * 28);
  EXPECT_EQ(dataset.train.labels.size(), 60000u);
  EXPECT_EQ(dataset.test.labels.size(), 10000u);

  // Byte 8 of train-labels-idx1-ubyte is 9 and byte 9 is 0 (read with zcat | xxd).
  EXPECT_EQ(dataset.train.labels[0], 9);
  EXPECT_EQ(dataset.train.labels[1], 0);
  EXPECT_EQ(dataset.class_names[9], "Ankle boot");
  EXPECT_EQ(dataset.description, std::string("Fashion-MNIST IDX files in ") + kFashionMnistDebianPath);
}

}  // namespace
}  // namespace runner::data
