// lstm: a long short-term memory network over a sequence, (L, D) -> (H) or (L, H).
#include <torch/torch.h>

#include "registry/layer_builder.h"
#include "registry/recurrent.h"

namespace runner::registry {

namespace {

class LstmLayerImpl : public torch::nn::Module {
 public:
  LstmLayerImpl(const torch::nn::LSTMOptions& options, int directions, bool return_all)
      : lstm_(register_module("lstm", torch::nn::LSTM(options))), directions_(directions), return_all_(return_all) {}

  // (N, L, D) -> (N, directions * H) or (N, L, directions * H)
  torch::Tensor forward(torch::Tensor input) {
    const auto result = lstm_->forward(input);
    const torch::Tensor& h_n = std::get<0>(std::get<1>(result));
    return select_recurrent_output(std::get<0>(result), h_n, directions_, return_all_);
  }

  torch::nn::LSTM& lstm() { return lstm_; }

 private:
  torch::nn::LSTM lstm_;
  int directions_;
  bool return_all_;
};
TORCH_MODULE(LstmLayer);

LayerOutput build_lstm(const LayerParams& params, const Shape& input_shape) {
  const RecurrentShape shape = infer_recurrent_shape(params, input_shape);
  const auto options = torch::nn::LSTMOptions(shape.input_size, params.get_int("hidden_size"))
                           .num_layers(params.get_int("num_layers"))
                           .bidirectional(shape.directions == 2)
                           .batch_first(true);
  LstmLayer layer(options, shape.directions, shape.return_all);
  apply_recurrent_init(params, *layer->lstm());
  return {torch::nn::AnyModule(layer), shape.output_shape};
}

}  // namespace

LayerBuilder lstm_layer() {
  return {"lstm", "LSTM over a sequence (L, D): the final hidden state (H) or every step's output (L, H)",
          recurrent_params(), build_lstm};
}

}  // namespace runner::registry
