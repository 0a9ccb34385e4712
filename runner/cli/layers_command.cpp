#include "runner/cli/layers_command.h"

#include <fmt/format.h>

#include "registry/builtin_layers.h"
#include "registry/graph/graph_builder.h"
#include "runner/errors.h"
#include "runner/suggest.h"

namespace runner::cli {

namespace {

void print_builder(const registry::LayerBuilder& builder) {
  fmt::print("{}\n  {}\n", builder.name, builder.doc);
  if (builder.params.empty()) fmt::print("  (no parameters)\n");
  for (const auto& spec : builder.params) {
    const std::string default_text = spec.required() ? "required" : "default " + registry::describe_default(spec);
    fmt::print("  {}: {}; {}\n      {}\n", spec.name, registry::describe_type(spec), default_text, spec.doc);
  }
  fmt::print("\n");
}

}  // namespace

int list_layers(const std::string& name) {
  if (!name.empty()) {
    const auto* builder = registry::find_layer_builder(name);
    if (builder == nullptr) {
      fmt::print(stderr, "error: unknown layer '{}': {}\n", name, suggest_names(name, registry::layer_names()));
      return static_cast<int>(ExitCode::kUsage);
    }
    print_builder(*builder);
    return 0;
  }
  for (const auto& builder : registry::layer_builders()) print_builder(builder);

  fmt::print("Containers (they hold lists of layers; see docs/model-graph.md):\n\n");
  for (const auto& container : registry::container_types()) {
    fmt::print("{}\n  {}\n", container.name, container.doc);
    for (const auto& key : container.keys) fmt::print("  {}\n", key);
    fmt::print("\n");
  }
  return 0;
}

}  // namespace runner::cli
