// The examples of CBOW and skip-gram as tensors: a window of `context` words on each side of a
// centre word, taken from a token stream at given start positions.
#pragma once

#include <cstdint>

#include <torch/types.h>

namespace runner::language {

// The windows that start at `positions` (batch,): window p covers tokens [p, p + 2 * context]
// and its centre word is token p + context. Both int64 on `device`.
struct WindowBatch {
  torch::Tensor centre;   // (batch,)
  torch::Tensor context;  // (batch, 2 * context): the words left of the centre, then those right of it
};

WindowBatch window_batch(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t context,
                         torch::Device device);

// The number of whole windows in `tokens` (count,): max(0, count - 2 * context). An undefined tensor
// contains none.
int64_t window_positions(const torch::Tensor& tokens, int64_t context);

}  // namespace runner::language
