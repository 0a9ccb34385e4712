#include "registry/builtin_layers.h"

namespace runner::registry {

// Each function is defined in registry/layers/<name>.cpp. The table below lists them explicitly
// because self-registering statics in a static library are dropped by the linker when nothing
// else references their object file.
LayerBuilder linear_layer();
LayerBuilder conv2d_layer();
LayerBuilder batchnorm1d_layer();
LayerBuilder batchnorm2d_layer();
LayerBuilder layernorm_layer();
LayerBuilder relu_layer();
LayerBuilder gelu_layer();
LayerBuilder tanh_layer();
LayerBuilder sigmoid_layer();
LayerBuilder leaky_relu_layer();
LayerBuilder avgpool2d_layer();
LayerBuilder maxpool2d_layer();
LayerBuilder flatten_layer();
LayerBuilder dropout_layer();
LayerBuilder stochastic_depth_layer();
LayerBuilder global_avgpool2d_layer();
LayerBuilder mean_layer();
LayerBuilder embedding_layer();
LayerBuilder positional_embedding_layer();
LayerBuilder lstm_layer();
LayerBuilder gru_layer();
LayerBuilder self_attention_layer();

const std::vector<LayerBuilder>& layer_builders() {
  // One registration per line. layer_names() returns them in this order.
  // clang-format off
  static const std::vector<LayerBuilder> kBuilders = {
      linear_layer(),
      conv2d_layer(),
      batchnorm1d_layer(),
      batchnorm2d_layer(),
      layernorm_layer(),
      relu_layer(),
      gelu_layer(),
      tanh_layer(),
      sigmoid_layer(),
      leaky_relu_layer(),
      avgpool2d_layer(),
      maxpool2d_layer(),
      flatten_layer(),
      dropout_layer(),
      stochastic_depth_layer(),
      global_avgpool2d_layer(),
      mean_layer(),
      embedding_layer(),
      positional_embedding_layer(),
      lstm_layer(),
      gru_layer(),
      self_attention_layer(),
  };
  // clang-format on
  return kBuilders;
}

const LayerBuilder* find_layer_builder(const std::string& name) {
  for (const LayerBuilder& builder : layer_builders()) {
    if (builder.name == name) return &builder;
  }
  return nullptr;
}

std::vector<std::string> layer_names() {
  std::vector<std::string> names;
  for (const LayerBuilder& builder : layer_builders()) names.push_back(builder.name);
  return names;
}

}  // namespace runner::registry
