// Helpers for the model graph tests: build a model from YAML text and capture its config error.
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "registry/model_builder.h"
#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::registry::testing {

// Builds the `model` section of `yaml` for one sample of `input_shape`.
inline BuiltModel build_yaml(const std::string& yaml, const Shape& input_shape) {
  const auto root = config::ConfigNode::parse_string(yaml, "graph.yaml");
  return build_model(root.child("model"), input_shape);
}

// The message of the ConfigError that building `yaml` throws, or "no error".
inline std::string build_error(const std::string& yaml, const Shape& input_shape) {
  try {
    build_yaml(yaml, input_shape);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

inline void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "expected '" << part << "' in:\n" << message;
}

// Runs the model in evaluation mode on `input` (batch first).
inline torch::Tensor forward_eval(BuiltModel& model, const torch::Tensor& input) {
  model.net->eval();
  torch::NoGradGuard no_grad;
  return model.net->forward(input);
}

}  // namespace runner::registry::testing
