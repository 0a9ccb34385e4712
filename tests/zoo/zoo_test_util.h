// Helpers for the zoo tests: read a config shipped in configs/, edit its YAML tree, build or run it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"
#include "runner/config/experiment_config.h"
#include "runner/data/image_dataset.h"

namespace runner::testing {

// Loads `relative_path` (e.g. "configs/zoo/mlp.yaml") from the source tree as an editable YAML tree.
inline YAML::Node load_repo_config(const std::string& relative_path) {
  return YAML::LoadFile((std::filesystem::path(RUNNER_SOURCE_DIR) / relative_path).string());
}

inline std::string to_yaml_text(const YAML::Node& root) {
  YAML::Emitter emitter;
  emitter << root;
  return emitter.c_str();
}

// Validates the whole experiment config, as `runner` does, then builds its model for one sample of
// `input_shape`. `source_name` names the config in error messages.
inline registry::BuiltModel build_config_model(const YAML::Node& root, const std::string& source_name,
                                               const registry::Shape& input_shape) {
  const auto node = config::ConfigNode::parse_string(to_yaml_text(root), source_name);
  const config::ExperimentConfig experiment = config::parse_experiment(node, data::dataset_names());
  return registry::build_model(experiment.model, input_shape);
}

}  // namespace runner::testing
