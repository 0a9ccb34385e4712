// Trains every zoo config for one epoch on a small slice, through the same entry point as `runner CONFIG`.
// The CIFAR-10 configs read a tiny archive in the published binary layout, which the test writes itself.
// The Fashion-MNIST ResNet reads 256 images of the real dataset.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "../engine/engine_test_util.h"
#include "runner/data/archive_writer.h"
#include "runner/train/experiment_runner.h"
#include "zoo_test_util.h"

namespace runner::testing {
namespace {

constexpr int kCifarImageBytes = 3 * 32 * 32;
constexpr int kTrainImagesPerBatch = 4;  // 5 batches: 20 training images
constexpr int kTestImages = 16;
constexpr int kSliceImages = 16;  // train_samples and test_samples of the CIFAR-10 runs

// `count` binary CIFAR-10 records: one label byte, then 3072 pixel bytes (red, green, blue planes).
std::vector<uint8_t> cifar_records(int count, std::mt19937& generator) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<uint8_t> bytes;
  for (int index = 0; index < count; ++index) {
    bytes.push_back(static_cast<uint8_t>(index % 10));
    for (int pixel = 0; pixel < kCifarImageBytes; ++pixel) {
      bytes.push_back(static_cast<uint8_t>(byte(generator)));
    }
  }
  return bytes;
}

// Writes a cifar-10-binary.tar.gz with the published member names and random images.
std::filesystem::path write_tiny_cifar_archive(const std::filesystem::path& folder) {
  std::mt19937 generator(7);
  std::vector<data::ArchiveMember> members;
  for (int batch = 1; batch <= 5; ++batch) {
    members.push_back({"cifar-10-batches-bin/data_batch_" + std::to_string(batch) + ".bin",
                       cifar_records(kTrainImagesPerBatch, generator)});
  }
  members.push_back({"cifar-10-batches-bin/test_batch.bin", cifar_records(kTestImages, generator)});

  const std::string names = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n";
  members.push_back({"cifar-10-batches-bin/batches.meta.txt", std::vector<uint8_t>(names.begin(), names.end())});

  const auto archive = folder / "cifar-10-binary.tar.gz";
  data::write_tar_gz(archive, members);
  return archive;
}

// Rewrites a shipped config to train one epoch on the first `samples` images at `data_path`, on the CPU.
std::string one_epoch_config(const std::string& relative_path, const std::filesystem::path& data_path, int samples) {
  YAML::Node root = load_repo_config(relative_path);
  root["device"] = "cpu";
  root["threads"] = 1;
  root["data"]["path"] = data_path.string();
  root["data"]["train_samples"] = samples;
  root["data"]["test_samples"] = samples;
  root["training"]["epochs"] = 1;
  return to_yaml_text(root);
}

// Runs the rewritten config, expects success and returns the number of rows in the epochs table.
int64_t train_one_epoch(const TempFolder& folder, const std::string& relative_path,
                        const std::filesystem::path& data_path, int samples) {
  const auto config = write_file(folder.path() / "run.yaml", one_epoch_config(relative_path, data_path, samples));
  const auto database = folder.path() / "results.db";
  const train::RunOutcome outcome = train::run_experiment({config, database.string(), /*quiet=*/true});
  EXPECT_EQ(outcome.exit_code, ExitCode::kOk) << relative_path;

  const auto rows = query_rows(database, "SELECT count(*) FROM epochs");
  if (rows.size() != 1) {
    ADD_FAILURE() << relative_path << ": the epoch count query returned " << rows.size() << " rows";
    return -1;
  }
  return std::stoll(rows[0][0]);
}

// "configs/zoo/deeper_bn_convnet.yaml" -> "DeeperBnConvnet", a valid GoogleTest parameter name.
std::string camel_case_stem(const std::string& path) {
  std::string name;
  bool word_start = true;
  for (const char character : std::filesystem::path(path).stem().string()) {
    if (character == '_') {
      word_start = true;
      continue;
    }
    name.push_back(word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(character))) : character);
    word_start = false;
  }
  return name;
}

class ZooTraining : public ::testing::TestWithParam<std::string> {};

TEST_P(ZooTraining, OneEpochOnTinyCifar) {
  TempFolder folder;
  const auto archive = write_tiny_cifar_archive(folder.path());
  EXPECT_EQ(train_one_epoch(folder, GetParam(), archive, kSliceImages), 1);
}

INSTANTIATE_TEST_SUITE_P(CifarConfigs, ZooTraining,
                         ::testing::Values("configs/zoo/mlp.yaml", "configs/zoo/lenet5.yaml",
                                           "configs/zoo/convnet.yaml", "configs/zoo/wide_convnet.yaml",
                                           "configs/zoo/deep_convnet.yaml", "configs/zoo/deeper_convnet.yaml",
                                           "configs/zoo/deeper_bn_convnet.yaml", "configs/zoo/variable_bn_convnet.yaml",
                                           "configs/zoo/variable_resnet.yaml", "configs/resnet_stochdepth.yaml"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return camel_case_stem(info.param); });

TEST(ZooTrainingFashion, ResNetOneEpochOn256Images) {
  TempFolder folder;
  EXPECT_EQ(train_one_epoch(folder, "configs/resnet_stochdepth_fashion.yaml", kFashionMnistPath, 256), 1);
}

}  // namespace
}  // namespace runner::testing
