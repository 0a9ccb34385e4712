#include "runner/language/sampling.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <limits>

namespace runner::language {

torch::Tensor sample_next_tokens(const torch::Tensor& logits, const SamplingOptions& options,
                                 at::Generator& generator) {
  torch::Tensor scaled = logits.to(torch::kCPU, torch::kFloat32) / options.temperature;  // (rows, vocabulary)
  if (options.top_k > 0 && options.top_k < scaled.size(1)) {
    // Every logit below the k-th largest of its row drops out of the softmax.
    const torch::Tensor kth = std::get<0>(scaled.topk(options.top_k, 1)).select(1, options.top_k - 1).unsqueeze(1);
    scaled = scaled.masked_fill(scaled < kth, -std::numeric_limits<float>::infinity());
  }
  const torch::Tensor probabilities = torch::softmax(scaled, 1);
  return torch::multinomial(probabilities, 1, /*replacement=*/false, generator).squeeze(1);
}

std::vector<std::vector<int64_t>> sample_continuations(LanguageTask& task, const std::vector<int64_t>& context,
                                                       const SamplingOptions& options, uint64_t seed) {
  const int64_t length = task.context_length();
  at::Generator generator = at::detail::createCPUGenerator(seed);
  torch::NoGradGuard no_grad;
  task.module().eval();

  // (samples, length): every sample starts from the same last `length` ids of the context.
  const std::vector<int64_t> start(context.end() - length, context.end());
  torch::Tensor window = torch::tensor(start, torch::kInt64).unsqueeze(0).repeat({options.samples, 1});
  std::vector<std::vector<int64_t>> samples(options.samples);
  for (int64_t step = 0; step < options.tokens; ++step) {
    const torch::Tensor next = sample_next_tokens(task.next_token_logits(window), options, generator);  // (samples,)
    for (int64_t row = 0; row < options.samples; ++row) samples[row].push_back(next[row].item<int64_t>());
    window = torch::cat({window.slice(1, 1), next.unsqueeze(1)}, 1);
  }
  return samples;
}

}  // namespace runner::language
