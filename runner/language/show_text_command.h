// `runner show CONFIG` for every kind of config. A text config (one with `task` or `stages`) lists
// each stage's task and parameter tensors. An image config gets the image model listing.
#pragma once

#include <filesystem>

namespace runner::language {

// Prints what training CONFIG would build, without training or writing anything. Returns the exit
// code; errors are printed to stderr.
int show_config(const std::filesystem::path& config_file, int max_depth);

}  // namespace runner::language
