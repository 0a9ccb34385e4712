// The description of one layer type for the registry: name, documentation, parameters and build step.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <torch/nn/modules/container/any.h>

#include "registry/layer_params.h"
#include "registry/param_spec.h"
#include "registry/shape.h"

namespace runner::registry {

// A built layer and the per-sample shape it produces.
struct LayerOutput {
  torch::nn::AnyModule module;
  Shape output_shape;
};

// Builds the module for a validated set of parameters and an input shape. It reads values only
// through `params`, and rejects an input shape it cannot take with params.fail_shape.
using BuildFunction = std::function<LayerOutput(const LayerParams& params, const Shape& input_shape)>;

struct LayerBuilder {
  std::string name;  // the `type` written in the config
  std::string doc;   // one line for `runner layers`
  std::vector<ParamSpec> params;
  BuildFunction build;
};

}  // namespace runner::registry
