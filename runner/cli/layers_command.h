// `runner layers`: every registered layer builder with its parameters, generated from the registry's
// parameter specs so the listing cannot drift from what the config reader accepts.
#pragma once

#include <string>

namespace runner::cli {

// Lists every builder, or only `name` when it is not empty. Returns the process exit code.
int list_layers(const std::string& name);

}  // namespace runner::cli
