#include "registry/recurrent.h"

#include <torch/torch.h>

#include "registry/weight_init.h"

namespace runner::registry {

std::vector<ParamSpec> recurrent_params() {
  const auto at_least_one = config::Range::at_least(1);
  std::vector<ParamSpec> params = {
      int_param("hidden_size", std::nullopt, at_least_one, "size H of the hidden state"),
      int_param("num_layers", 1, at_least_one, "number of stacked recurrent layers"),
      bool_param("bidirectional", false, "also run the sequence backwards; doubles the output size"),
      choice_param("return", "last", {"last", "all"},
                   "last: the final hidden state (H); all: the output at every step (L, H)"),
  };
  for (ParamSpec& spec : weight_init_params()) params.push_back(std::move(spec));
  return params;
}

RecurrentShape infer_recurrent_shape(const LayerParams& params, const Shape& input_shape) {
  if (input_shape.size() != 2) {
    params.fail_shape("", input_shape, "needs a sequence of vectors (L, D)", "place it after an embedding layer");
  }
  RecurrentShape shape;
  shape.input_size = input_shape[1];
  shape.directions = params.get_bool("bidirectional") ? 2 : 1;
  shape.return_all = params.get_choice("return") == "all";
  const int64_t features = shape.directions * params.get_int("hidden_size");
  shape.output_shape = shape.return_all ? Shape{input_shape[0], features} : Shape{features};
  return shape;
}

torch::Tensor select_recurrent_output(const torch::Tensor& output, const torch::Tensor& h_n, int directions,
                                      bool return_all) {
  if (return_all) return output;
  // (directions, N, H) -> (N, directions, H) -> (N, directions * H)
  const torch::Tensor last_layer = h_n.slice(0, h_n.size(0) - directions, h_n.size(0));
  return last_layer.permute({1, 0, 2}).reshape({h_n.size(1), -1});
}

void apply_recurrent_init(const LayerParams& params, torch::nn::Module& module) {
  for (const auto& parameter : module.named_parameters()) {
    if (parameter.key().rfind("weight", 0) == 0) apply_weight_init(params, parameter.value());
  }
}

}  // namespace runner::registry
