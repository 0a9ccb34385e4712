// The `init` and `init_nonlinearity` parameters shared by layers with a weight matrix or kernel.
#pragma once

#include <vector>

#include <torch/types.h>

#include "registry/layer_params.h"
#include "registry/param_spec.h"

namespace runner::registry {

// The two specs to append to a builder's parameters.
std::vector<ParamSpec> weight_init_params();

// Re-initialises `weight` in place as `init` and `init_nonlinearity` in `params` request. The bias
// keeps LibTorch's default, and `init: default` leaves the weight untouched.
void apply_weight_init(const LayerParams& params, torch::Tensor weight);

}  // namespace runner::registry
