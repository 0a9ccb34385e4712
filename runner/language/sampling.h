// Sampling continuations of a prompt from a next-token model, with temperature and top-k.
#pragma once

#include <ATen/core/Generator.h>

#include <cstdint>
#include <vector>

#include "runner/language/language_task.h"

namespace runner::language {

struct SamplingOptions {
  int64_t tokens = 20;  // tokens to add to each sample
  int64_t samples = 5;
  double temperature = 1.0;  // > 0: logits are divided by it before the softmax
  int64_t top_k = 0;         // > 0: draw only among the k most likely tokens; 0 = all
};

// Draws one id per row of `logits` (rows, vocabulary) after temperature and top-k: (rows,) int64.
torch::Tensor sample_next_tokens(const torch::Tensor& logits, const SamplingOptions& options, at::Generator& generator);

// Extends `context` (ids, at least task.context_length() of them: pad short prompts first) by
// options.tokens ids, options.samples times. The samples are drawn together as one batch, so a seed
// gives the same samples whatever the thread count. Returns only the new ids of each sample.
std::vector<std::vector<int64_t>> sample_continuations(LanguageTask& task, const std::vector<int64_t>& context,
                                                       const SamplingOptions& options, uint64_t seed);

}  // namespace runner::language
