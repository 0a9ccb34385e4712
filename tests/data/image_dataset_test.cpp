#include "runner/data/image_dataset.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/errors.h"

namespace runner::data {
namespace {

std::string data_error_message(const std::string& name, const std::filesystem::path& path) {
  try {
    load_image_dataset(name, path);
  } catch (const DataError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a runner::DataError";
  return "";
}

TEST(ImageDataset, Names) {
  EXPECT_EQ(dataset_names(), (std::vector<std::string>{"mnist", "fashion_mnist", "cifar10"}));
}

TEST(ImageDataset, UnknownNameSuggestsClosest) {
  EXPECT_EQ(data_error_message("cifar-10", "/nonexistent"),
            "unknown dataset 'cifar-10'. Did you mean 'cifar10'? Known datasets: mnist, fashion_mnist, cifar10");
  EXPECT_EQ(data_error_message("fashion-mnist", "/nonexistent"),
            "unknown dataset 'fashion-mnist'. Did you mean 'fashion_mnist'? Known datasets: mnist, fashion_mnist, "
            "cifar10");
}

TEST(ImageDataset, DispatchesByName) {
  const std::filesystem::path missing = "/nonexistent/runner-data";
  EXPECT_NE(data_error_message("mnist", missing).find(": MNIST folder not found"), std::string::npos);
  EXPECT_NE(data_error_message("fashion_mnist", missing).find(": Fashion-MNIST folder not found"), std::string::npos);
  EXPECT_NE(data_error_message("cifar10", missing).find(": CIFAR-10 archive or folder not found"), std::string::npos);
}

}  // namespace
}  // namespace runner::data
