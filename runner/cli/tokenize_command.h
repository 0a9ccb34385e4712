// `runner tokenize CONFIG_OR_FILE`: prints the tokens that a language task would train on, one per line.
#pragma once

#include <filesystem>

namespace runner::cli {

// A .yaml or .yml argument is a config: its `data:` section names the corpus and the clean-up
// (Gutenberg stripping, removals, lowercasing). Any other file is tokenized as it is. Returns the
// process exit code: 0, 3 for a config error, 4 for a missing, empty or non-UTF-8 text file.
int tokenize_file(const std::filesystem::path& input);

}  // namespace runner::cli
