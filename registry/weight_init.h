// The `init` parameters shared by layers with a weight matrix or kernel.
#pragma once

#include <vector>

#include <torch/types.h>

#include "registry/layer_params.h"
#include "registry/param_spec.h"

namespace runner::registry {

// The specs to append to a builder's parameters: init, init_nonlinearity, init_low and init_high.
std::vector<ParamSpec> weight_init_params();

// Re-initialises `weight` in place as `init` and `init_nonlinearity` in `params` request. The bias
// keeps LibTorch's default, and `init: default` leaves the weight untouched. Rejects init: uniform
// with init_low >= init_high.
void apply_weight_init(const LayerParams& params, torch::Tensor weight);

}  // namespace runner::registry
