// `runner show CONFIG`: the model's layers with output shapes and parameter counts, and an estimate
// of the memory one training batch needs, without loading data or training.
#pragma once

#include <filesystem>

namespace runner::cli {

// Prints layers nested up to `max_depth` levels (0: the entries of model.layers only) and returns
// the process exit code.
int show_model(const std::filesystem::path& config_file, int max_depth);

}  // namespace runner::cli
