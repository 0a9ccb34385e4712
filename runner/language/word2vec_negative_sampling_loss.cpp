#include "runner/language/word2vec_negative_sampling_loss.h"

#include <torch/torch.h>

namespace runner::language {

torch::Tensor negative_sampling_loss(const torch::Tensor& hidden, const torch::Tensor& output_vectors,
                                     const torch::Tensor& targets, const torch::Tensor& negatives) {
  const int64_t examples = hidden.size(0);
  const int64_t dim = hidden.size(1);
  const int64_t negative_count = negatives.size(1);

  const torch::Tensor target_scores = (hidden * output_vectors.index_select(0, targets)).sum(1);  // (examples,)
  const torch::Tensor negative_vectors =
      output_vectors.index_select(0, negatives.flatten()).view({examples, negative_count, dim});
  // A product and a sum rather than bmm: bmm makes one small matrix product per example, which is
  // many times slower for these (K, dim) x (dim, 1) shapes.
  const torch::Tensor negative_scores = (negative_vectors * hidden.unsqueeze(1)).sum(2);  // (examples, K)

  const torch::Tensor per_example =
      -(torch::log_sigmoid(target_scores) + torch::log_sigmoid(-negative_scores).sum(1));  // (examples,)
  return per_example.mean();
}

}  // namespace runner::language
