// gru: a gated recurrent unit network over a sequence, (L, D) -> (H) or (L, H).
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/recurrent.h"

namespace runner::registry {

namespace {

class GruLayerImpl : public torch::nn::Module {
 public:
  GruLayerImpl(const torch::nn::GRUOptions& options, int directions, bool return_all)
      : gru_(register_module("gru", torch::nn::GRU(options))), directions_(directions), return_all_(return_all) {}

  // (N, L, D) -> (N, directions * H) or (N, L, directions * H)
  torch::Tensor forward(torch::Tensor input) {
    const auto result = gru_->forward(input);
    return select_recurrent_output(std::get<0>(result), std::get<1>(result), directions_, return_all_);
  }

  torch::nn::GRU& gru() { return gru_; }

 private:
  torch::nn::GRU gru_;
  int directions_;
  bool return_all_;
};
TORCH_MODULE(GruLayer);

LayerOutput build_gru(const LayerParams& params, const Shape& input_shape) {
  const RecurrentShape shape = infer_recurrent_shape(params, input_shape);
  const auto options = torch::nn::GRUOptions(shape.input_size, params.get_int("hidden_size"))
                           .num_layers(params.get_int("num_layers"))
                           .bidirectional(shape.directions == 2)
                           .batch_first(true);
  GruLayer layer(options, shape.directions, shape.return_all);
  apply_recurrent_init(params, *layer->gru());
  return {torch::nn::AnyModule(layer), shape.output_shape};
}

}  // namespace

LayerBuilder gru_layer() {
  return {"gru", "GRU over a sequence (L, D): the final hidden state (H) or every step's output (L, H)",
          recurrent_params(), build_gru};
}

}  // namespace runner::registry
