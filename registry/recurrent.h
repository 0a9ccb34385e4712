// Parameters, shapes and output selection shared by the lstm and gru layers.
#pragma once

#include <vector>

#include <torch/types.h>

#include "registry/layer_params.h"
#include "registry/param_spec.h"
#include "registry/shape.h"

namespace runner::registry {

// hidden_size, num_layers, bidirectional, return, and the weight init parameters.
std::vector<ParamSpec> recurrent_params();

struct RecurrentShape {
  int64_t input_size;  // D of the (L, D) input
  int directions;      // 2 when bidirectional
  bool return_all;     // return: all
  Shape output_shape;  // (directions * hidden_size), or (L, directions * hidden_size) for return: all
};

// Rejects an input that is not a sequence of vectors (L, D).
RecurrentShape infer_recurrent_shape(const LayerParams& params, const Shape& input_shape);

// The layer's output from the LibTorch results: `output` (N, L, directions * H) for return: all,
// otherwise the last layer's final hidden state of each direction from `h_n`
// (num_layers * directions, N, H), concatenated to (N, directions * H). For one direction that is
// output[:, -1, :].
torch::Tensor select_recurrent_output(const torch::Tensor& output, const torch::Tensor& h_n, int directions,
                                      bool return_all);

// Applies the init parameters to every weight matrix of `module` (weight_ih_l*, weight_hh_l*);
// the biases keep LibTorch's default.
void apply_recurrent_init(const LayerParams& params, torch::nn::Module& module);

}  // namespace runner::registry
