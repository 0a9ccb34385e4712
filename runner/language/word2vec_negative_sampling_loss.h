// The negative-sampling loss in LibTorch operations, with gradients: for the held-out loss, for a
// driver that trains through autograd, and as the reference the hand-written update is tested against.
#pragma once

#include <torch/types.h>

namespace runner::language {

// The mean over examples of -log sigmoid(u_t . h) - sum_k log sigmoid(-u_{n_k} . h), where h is row
// e of `hidden` (examples, dim), u is a row of `output_vectors` (vocabulary, dim), t = targets[e]
// (examples,) int64 and n_k = negatives[e][k] (examples, negatives) int64.
torch::Tensor negative_sampling_loss(const torch::Tensor& hidden, const torch::Tensor& output_vectors,
                                     const torch::Tensor& targets, const torch::Tensor& negatives);

}  // namespace runner::language
