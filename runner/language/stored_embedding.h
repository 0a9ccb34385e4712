// init_embedding: {run: ID}: the embedding.vec of a stored run, mapped word by word onto a new
// vocabulary.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace runner::language {

struct MappedEmbedding {
  torch::Tensor weights;      // (vocabulary, dim) float
  int64_t matched_words = 0;  // rows taken from the stored vectors; the rest keep `initial`'s values
};

// Reads the .vec file `file` and copies the vector of each word of `words` that it contains into a
// copy of `initial` (vocabulary, dim). Throws DataError for an unreadable file, and
// std::invalid_argument when the file's dimension differs from initial's or no word matches.
MappedEmbedding map_stored_embedding(const std::filesystem::path& file, const std::vector<std::string>& words,
                                     const torch::Tensor& initial);

}  // namespace runner::language
