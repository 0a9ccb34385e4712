#include "runner/language/stored_embedding.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <stdexcept>
#include <unordered_map>

#include "runner/text/vec_file.h"

namespace runner::language {

MappedEmbedding map_stored_embedding(const std::filesystem::path& file, const std::vector<std::string>& words,
                                     const torch::Tensor& initial) {
  const text::WordVectors vectors = text::read_vec_file(file);
  const int64_t dim = initial.size(1);
  if (vectors.dim != dim) {
    throw std::invalid_argument(fmt::format("{} has {}-dimensional vectors but this model's embedding_dim is {}",
                                            file.string(), vectors.dim, dim));
  }

  std::unordered_map<std::string, int64_t> rows;
  for (size_t row = 0; row < vectors.words.size(); ++row) rows.emplace(vectors.words[row], static_cast<int64_t>(row));

  MappedEmbedding mapped{initial.detach().to(torch::kCPU, torch::kFloat32).clone(), 0};
  auto target = mapped.weights.accessor<float, 2>();
  for (size_t id = 0; id < words.size(); ++id) {
    const auto found = rows.find(words[id]);
    if (found == rows.end()) continue;
    const float* source = vectors.values.data() + found->second * dim;
    for (int64_t d = 0; d < dim; ++d) target[static_cast<int64_t>(id)][d] = source[d];
    ++mapped.matched_words;
  }
  if (mapped.matched_words == 0) {
    throw std::invalid_argument(
        fmt::format("none of the {} words of this vocabulary is in {}", words.size(), file.string()));
  }
  return mapped;
}

}  // namespace runner::language
