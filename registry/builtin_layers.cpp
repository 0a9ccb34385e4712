#include "registry/builtin_layers.h"

namespace runner::registry {

// The builders are listed explicitly, because self-registering statics in a static library are
// dropped by the linker when nothing else references their object file.
#define RUNNER_LAYER(name) LayerBuilder name##_layer();
#include "registry/layers/layer_list.h"
#undef RUNNER_LAYER

const std::vector<LayerBuilder>& layer_builders() {
  static const std::vector<LayerBuilder> kBuilders = {
#define RUNNER_LAYER(name) name##_layer(),
#include "registry/layers/layer_list.h"
#undef RUNNER_LAYER
  };
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
