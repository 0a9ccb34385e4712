// The registry of layer builders: every `type` a config may name under model.layers.
#pragma once

#include <string>
#include <vector>

#include "registry/layer_builder.h"

namespace runner::registry {

// Every registered builder, in registration order.
const std::vector<LayerBuilder>& layer_builders();

// The builder registered as `name`, or nullptr.
const LayerBuilder* find_layer_builder(const std::string& name);

// The names of every registered builder, in registration order.
std::vector<std::string> layer_names();

}  // namespace runner::registry
