// mean: the mean over one dimension of the per-sample shape, which it removes.
#include <fmt/format.h>
#include <torch/torch.h>

#include "registry/layer_builder.h"

namespace runner::registry {

namespace {

class MeanImpl : public torch::nn::Module {
 public:
  explicit MeanImpl(int64_t tensor_dim) : tensor_dim_(tensor_dim) {}
  torch::Tensor forward(torch::Tensor input) { return input.mean(tensor_dim_); }

 private:
  int64_t tensor_dim_;  // the dimension of the batched tensor: the per-sample dim + 1
};
TORCH_MODULE(Mean);

LayerOutput build_mean(const LayerParams& params, const Shape& input_shape) {
  const auto rank = static_cast<int64_t>(input_shape.size());
  const int64_t dim = params.get_int("dim");
  if (dim < -rank || dim >= rank) {
    params.fail_shape("dim", input_shape,
                      fmt::format("dim {} is out of range for {} dimensions", dim, rank),
                      fmt::format("use 0 to {} (or -{} to -1 from the end); the batch dimension is not counted",
                                  rank - 1, rank));
  }
  if (rank == 1) {
    params.fail_shape("dim", input_shape, "would leave no dimension", "a model output needs at least one dimension");
  }

  const int64_t sample_dim = dim < 0 ? dim + rank : dim;
  Shape output_shape = input_shape;
  output_shape.erase(output_shape.begin() + sample_dim);
  return {torch::nn::AnyModule(Mean(sample_dim + 1)), output_shape};
}

}  // namespace

LayerBuilder mean_layer() {
  return {"mean",
          "averages over one dimension of each sample and removes it, e.g. (L, D) -> (D) with dim 0",
          {int_param("dim", std::nullopt, config::Range::any(),
                     "dimension of the per-sample shape, without the batch; negative counts from the end")},
          build_mean};
}

}  // namespace runner::registry
