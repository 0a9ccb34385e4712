// Builds the model described by the `model` section of a config, inferring every layer's shapes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>

#include "registry/shape.h"
#include "runner/config/config_node.h"

namespace runner::registry {

struct BuiltLayer {
  std::string type;
  torch::nn::AnyModule module;
  Shape output_shape;
};

// One row of the start-up table that describes the model.
struct LayerSummary {
  std::string path;  // "model.layers[3]"
  std::string type;
  Shape input_shape;
  Shape output_shape;
  int64_t parameter_count = 0;
};

struct BuiltModel {
  torch::nn::Sequential net;  // outputs logits: no softmax at the end
  std::vector<LayerSummary> layers;
  Shape output_shape;
  int64_t parameter_count = 0;
};

// Builds one layer from its config node: either a bare type name (`relu`) or a mapping with a
// `type` key and parameters. Records the layer into the resolved config in the mapping form.
// Throws a ConfigError for an unknown type, an invalid or unknown parameter, or an input shape
// the layer cannot take.
BuiltLayer build_layer(const config::ConfigNode& layer_node, const Shape& input_shape);

// Builds `model_section.layers` in order, feeding each layer's output shape to the next, then
// rejects unknown keys in the section. `input_shape` is one sample of the dataset, e.g. (1, 28, 28).
// Seed LibTorch before calling it so the initial weights are reproducible.
BuiltModel build_model(const config::ConfigNode& model_section, const Shape& input_shape);

// The number of scalar parameters in `module` and its children (buffers excluded).
int64_t count_parameters(const torch::nn::Module& module);

}  // namespace runner::registry
