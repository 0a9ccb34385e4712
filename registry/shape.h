// The per-sample shape of a tensor flowing between layers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace runner::registry {

// Per-sample shape with the batch dimension excluded: (C, H, W) for images, (features) after a flatten.
using Shape = std::vector<int64_t>;

// Formats a shape as "(6, 14, 14)", and a one-dimensional shape as "(400)".
std::string format_shape(const Shape& shape);

// The number of elements in one sample: the product of the dimensions.
int64_t shape_numel(const Shape& shape);

}  // namespace runner::registry
