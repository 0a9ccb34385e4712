#include "runner/cli/show_command.h"

#include <torch/torch.h>

#include <fmt/format.h>

#include "registry/model_builder.h"
#include "runner/config/experiment_config.h"
#include "runner/data/dataset_info.h"
#include "runner/data/image_dataset.h"
#include "runner/error_report.h"
#include "runner/errors.h"

namespace runner::cli {

namespace {

constexpr double kBytesPerFloat = 4.0;

// Optimizer state tensors per parameter: Adam and AdamW keep two moments, SGD with momentum one.
int optimizer_state_copies(const config::OptimizerConfig& optimizer) {
  if (optimizer.name == "sgd") return optimizer.momentum > 0.0 ? 1 : 0;
  return 2;
}

std::string format_bytes(double bytes) {
  if (bytes >= 1024.0 * 1024.0 * 1024.0) return fmt::format("{:.2f} GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  if (bytes >= 1024.0 * 1024.0) return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
  return fmt::format("{:.1f} KiB", bytes / 1024.0);
}

void print_memory_estimate(const config::ExperimentConfig& config, const registry::BuiltModel& model,
                           const std::vector<int64_t>& input_shape) {
  // Containers only pass their last layer's output on, so count the outputs of leaf layers.
  int64_t activations_per_sample = registry::shape_numel(input_shape);
  for (const auto& layer : model.all_layers) {
    if (!layer.container) activations_per_sample += layer.output_numel;
  }

  const double batch = static_cast<double>(config.data.batch_size);
  // Training keeps each layer's output for the backward pass and then a gradient of the same size.
  const double activation_bytes = 2.0 * kBytesPerFloat * batch * static_cast<double>(activations_per_sample);
  const double parameter_bytes = (2.0 + optimizer_state_copies(config.optimizer)) * kBytesPerFloat *
                                 static_cast<double>(model.parameter_count);
  fmt::print("\nestimated training memory at batch {}: {} (activations and their gradients {}, "
             "parameters, gradients and {} state {})\n",
             config.data.batch_size, format_bytes(activation_bytes + parameter_bytes), format_bytes(activation_bytes),
             config.optimizer.name, format_bytes(parameter_bytes));
  // NOTE: an estimate: it ignores LibTorch's workspace buffers and allocator caching, and counts
  // every layer's output as kept for the backward pass, which over-counts in-place activations.
}

void print_layers(const registry::BuiltModel& model, int max_depth) {
  fmt::print("{:<40} {:>16} {:>12}  {}\n", "type", "output", "parameters", "config path");
  for (const auto& layer : model.all_layers) {
    if (layer.depth > max_depth) continue;
    const std::string indented = std::string(2 * layer.depth, ' ') + layer.type;
    fmt::print("{:<40} {:>16} {:>12}  {}\n", indented, registry::format_shape(layer.output_shape),
               layer.parameter_count, layer.path);
  }
}

}  // namespace

int show_model(const std::filesystem::path& config_file, int max_depth) {
  try {
    const auto root = config::ConfigNode::parse_file(config_file);
    const auto config = config::parse_experiment(root, data::dataset_names());
    const auto info = data::dataset_info(config.data.dataset);
    const auto model = registry::build_model(config.model, info.sample_shape);

    if (model.output_shape != registry::Shape{info.classes}) {
      throw ConfigError(config.model.location(), "model.layers",
                        fmt::format("the model outputs shape {} but {} has {} classes",
                                    registry::format_shape(model.output_shape), config.data.dataset, info.classes),
                        fmt::format("end the model with a linear layer with out_features: {}", info.classes));
    }
    fmt::print("{} ({}): input {} from {}, {} classes\n\n", config.name, config_file.string(),
               registry::format_shape(info.sample_shape), config.data.dataset, info.classes);
    print_layers(model, max_depth);
    fmt::print("\ntotal parameters: {}\n", model.parameter_count);
    print_memory_estimate(config, model, info.sample_shape);
    return 0;
  } catch (...) {
    return static_cast<int>(report_current_error().exit_code);
  }
}

}  // namespace runner::cli
