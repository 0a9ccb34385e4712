// stochastic_depth: drops the output of a residual branch at random during training.
#include <torch/torch.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

// In training, row mode keeps each sample with probability 1 - p, and batch mode keeps the whole
// batch with that probability. What is kept is scaled by 1 / (1 - p), so the expected output equals
// the input. Evaluation mode and p == 0 return the input unchanged. The draws come from LibTorch's
// global generator.
class StochasticDepthImpl : public torch::nn::Module {
 public:
  StochasticDepthImpl(double p, bool per_row) : p_(p), per_row_(per_row) {}

  torch::Tensor forward(torch::Tensor input) {
    if (!is_training() || p_ == 0.0) return input;
    const double keep = 1.0 - p_;

    // (N, 1, ..., 1) in row mode, (1, ..., 1) in batch mode: one draw per sample or per batch.
    std::vector<int64_t> mask_shape(input.dim(), 1);
    if (per_row_) mask_shape[0] = input.size(0);
    const torch::Tensor mask = torch::empty(mask_shape, input.options()).bernoulli_(keep);
    return input * mask / keep;
  }

 private:
  double p_;
  bool per_row_;
};
TORCH_MODULE(StochasticDepth);

LayerOutput build_stochastic_depth(const LayerParams& params, const Shape& input_shape) {
  const bool per_row = params.get_choice("mode") == "row";
  return {torch::nn::AnyModule(StochasticDepth(params.get_number("p"), per_row)), input_shape};
}

}  // namespace

LayerBuilder stochastic_depth_layer() {
  // p = 1 would always drop the branch, and 1 / (1 - p) would divide by zero.
  const config::Range below_one{0.0, 1.0, false, true};
  return {"stochastic_depth",
          "in training, drops its input (a residual branch) with probability p and scales the rest by 1 / (1 - p)",
          {
              number_param("p", std::nullopt, below_one, "probability of dropping"),
              choice_param("mode", "row", {"row", "batch"}, "row: one draw per sample; batch: one draw per batch"),
          },
          build_stochastic_depth};
}

}  // namespace runner::registry
