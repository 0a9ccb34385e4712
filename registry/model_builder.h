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

// One row of the table that describes the model: a layer, or a container of layers.
struct LayerSummary {
  // The key path of the layer in the config: "model.layers[3]", "model.layers[2].body[0]", and
  // through a block "model.layers[1].layers[0] (repeat 3 of 6) -> define.res_block.layers[0]".
  std::string path;
  std::string type;  // a layer type, a container type (residual, ...) or a block name
  Shape input_shape;
  Shape output_shape;
  int64_t parameter_count = 0;  // every parameter of the layer, nested layers included

  int depth = 0;           // 0 for an entry of model.layers, 1 for a layer inside it, ...
  bool container = false;  // sequential, residual, parallel, repeat or a block
  // The parameters that no nested row counts: all of them for a layer, and for a container those of
  // its own parts, such as the 1x1 convolution of a residual's automatic shortcut. Summed over
  // BuiltModel::all_layers, they give BuiltModel::parameter_count exactly.
  int64_t own_parameter_count = 0;
  int64_t output_numel = 0;  // elements of one sample's output, for an activation memory estimate
};

struct BuiltModel {
  torch::nn::Sequential net;  // outputs logits: no softmax at the end
  // One row per entry of model.layers, in order; a container's row counts its nested parameters.
  std::vector<LayerSummary> layers;
  // Every layer and container in forward order, nested ones included, each container before its
  // contents. A flat model has the same rows here as in `layers`.
  std::vector<LayerSummary> all_layers;
  Shape output_shape;
  int64_t parameter_count = 0;
};

// Builds one layer from its config node: either a bare type name (`relu`) or a mapping with a
// `type` key and parameters. Records the layer into the resolved config in the mapping form.
// Throws a ConfigError for an unknown type, an invalid or unknown parameter, or an input shape
// the layer cannot take.
BuiltLayer build_layer(const config::ConfigNode& layer_node, const Shape& input_shape);

// Builds `model_section.layers` in order, feeding each layer's output shape to the next. The
// section may also hold model variables and block definitions (`define`); docs/model-graph.md
// describes them. Rejects unknown keys and unused model variables. `input_shape` is one sample of
// the dataset, e.g. (1, 28, 28). Seed LibTorch before calling it so the initial weights are
// reproducible.
BuiltModel build_model(const config::ConfigNode& model_section, const Shape& input_shape);

// The number of scalar parameters in `module` and its children (buffers excluded).
int64_t count_parameters(const torch::nn::Module& module);

}  // namespace runner::registry
