#include "runner/language/word2vec_windows.h"

#include <algorithm>

#include <torch/torch.h>

namespace runner::language {

WindowBatch window_batch(const torch::Tensor& tokens, const torch::Tensor& positions, int64_t context,
                         torch::Device device) {
  // (batch, 2 * context + 1): row i is the window that starts at positions[i].
  const int64_t width = 2 * context + 1;
  const torch::Tensor offsets = torch::arange(width, torch::kInt64);
  const torch::Tensor rows = positions.to(torch::kInt64).unsqueeze(1) + offsets.unsqueeze(0);
  const torch::Tensor windows = tokens.index_select(0, rows.flatten()).view({positions.size(0), width});

  const torch::Tensor left = windows.slice(1, 0, context);
  const torch::Tensor right = windows.slice(1, context + 1, width);
  return {windows.select(1, context).to(device), torch::cat({left, right}, 1).to(device)};
}

int64_t window_positions(const torch::Tensor& tokens, int64_t context) {
  const int64_t count = tokens.defined() ? tokens.size(0) : 0;
  return std::max<int64_t>(0, count - 2 * context);
}

}  // namespace runner::language
