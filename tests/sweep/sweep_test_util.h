// Helpers shared by the sweep tests: config files in a fresh temporary folder per test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/errors.h"
#include "runner/sweep/expand.h"

namespace runner::testing {

// A small config; tests append a sweep section. Line numbers matter: the sweep starts at line 20.
inline const char* kBaseConfig = R"(name: unit
seed: 7
data:
  dataset: fashion_mnist
  path: /data/fashion
  batch_size: 32
model:
  width: 32
  depth: 2
  layers:
    - flatten
    - {type: linear, out_features: 10}
    - relu
optimizer:
  name: sgd
  lr: 0.1
  weight_decay: 0.0
training:
  epochs: 3
)";

class SweepFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ = std::filesystem::temp_directory_path() /
              ("runner_sweep_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(getpid()));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }

  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto path = folder_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // The base config followed by `sweep_section`, written to sweep.yaml.
  std::filesystem::path write_config(const std::string& sweep_section = "") const {
    return write("sweep.yaml", std::string(kBaseConfig) + sweep_section);
  }

  sweep::ExpandedSweep expand(const std::string& sweep_section, const std::vector<std::string>& overrides = {}) const {
    return sweep::expand(write_config(sweep_section), overrides);
  }

  // The message of the ConfigError that expanding throws; fails the test when nothing is thrown.
  std::string error_of(const std::string& sweep_section, const std::vector<std::string>& overrides = {}) const {
    try {
      expand(sweep_section, overrides);
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "expected a ConfigError for sweep section:\n" << sweep_section;
    return "";
  }

  std::filesystem::path folder_;
};

// The params of a point as "path=value" texts, for compact comparisons.
inline std::vector<std::string> param_texts(const sweep::SweepPoint& point) {
  std::vector<std::string> texts;
  for (const auto& param : point.params) texts.push_back(param.path + "=" + (param.removed ? "default" : param.value.dump()));
  return texts;
}

inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto position = text.find(from);
  EXPECT_NE(position, std::string::npos) << "test setup: '" << from << "' not in text";
  if (position != std::string::npos) text.replace(position, from.size(), to);
  return text;
}

}  // namespace runner::testing
