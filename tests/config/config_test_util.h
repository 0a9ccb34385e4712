// Helpers shared by the config tests.
#pragma once

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/config/experiment_config.h"

namespace runner::testing {

// A valid experiment; tests replace or append lines to make it invalid.
inline const char* kValidConfig = R"(name: unit
seed: 7
data:
  dataset: fashion_mnist
  path: /data/fashion
  batch_size: 32
optimizer:
  name: sgd
  lr: 0.1
  momentum: 0.9
model:
  layers:
    - flatten
    - {type: linear, out_features: 10}
)";

inline const std::vector<std::string> kDatasets = {"mnist", "fashion_mnist", "cifar10"};

inline config::ExperimentConfig parse(const std::string& text) {
  return config::parse_experiment(config::ConfigNode::parse_string(text, "test.yaml"), kDatasets);
}

// The message of the ConfigError that parsing `text` throws; fails the test when nothing is thrown.
inline std::string config_error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a ConfigError for:\n" << text;
  return "";
}

inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto position = text.find(from);
  EXPECT_NE(position, std::string::npos) << "test setup: '" << from << "' not in config";
  if (position != std::string::npos) text.replace(position, from.size(), to);
  return text;
}

}  // namespace runner::testing
