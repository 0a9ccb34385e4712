#include "runner/text/word_vectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "runner/suggest.h"

namespace runner::text {

namespace {

// How many spellings an unknown-word error suggests.
constexpr size_t kSuggestions = 5;

// The known words with the smallest edit distance to `word`, closest first.
std::vector<std::string> closest_spellings(const std::string& word, const std::vector<std::string>& words) {
  std::vector<std::pair<size_t, size_t>> distances;  // (distance, row)
  distances.reserve(words.size());
  for (size_t row = 0; row < words.size(); ++row) distances.emplace_back(edit_distance(word, words[row]), row);
  const size_t count = std::min(kSuggestions, distances.size());
  std::partial_sort(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(count), distances.end());

  std::vector<std::string> closest;
  for (size_t i = 0; i < count; ++i) closest.push_back(words[distances[i].second]);
  return closest;
}

}  // namespace

WordVectorSpace::WordVectorSpace(WordVectors vectors) : vectors_(std::move(vectors)) {
  if (vectors_.dim < 1) throw std::invalid_argument(fmt::format("dimension must be >= 1, got {}", vectors_.dim));
  const auto dim = static_cast<size_t>(vectors_.dim);
  if (vectors_.values.size() != vectors_.words.size() * dim) {
    throw std::invalid_argument(fmt::format("{} values do not fill {} words of dimension {}", vectors_.values.size(),
                                            vectors_.words.size(), dim));
  }

  unit_rows_.assign(vectors_.values.begin(), vectors_.values.end());
  for (size_t row = 0; row < vectors_.words.size(); ++row) {
    const auto [it, inserted] = rows_.emplace(vectors_.words[row], static_cast<int64_t>(row));
    if (!inserted) throw std::invalid_argument(fmt::format("word '{}' appears twice", vectors_.words[row]));

    double* begin = unit_rows_.data() + row * dim;
    const double norm = std::sqrt(std::inner_product(begin, begin + dim, begin, 0.0));
    if (norm > 0.0) std::for_each(begin, begin + dim, [norm](double& value) { value /= norm; });
  }
}

int64_t WordVectorSpace::row_of(const std::string& word) const {
  const auto it = rows_.find(word);
  if (it != rows_.end()) return it->second;
  throw UnknownWordError(fmt::format("word '{}' is not in the vectors ({} words); closest known spellings: {}", word,
                                     vectors_.words.size(), join_names(closest_spellings(word, vectors_.words))));
}

double WordVectorSpace::similarity(const std::string& a, const std::string& b) const {
  const auto dim = static_cast<size_t>(vectors_.dim);
  const double* row_a = unit_rows_.data() + static_cast<size_t>(row_of(a)) * dim;
  const double* row_b = unit_rows_.data() + static_cast<size_t>(row_of(b)) * dim;
  return std::inner_product(row_a, row_a + dim, row_b, 0.0);
}

std::vector<Neighbor> WordVectorSpace::neighbors(const std::string& word, int k) const {
  const int64_t row = row_of(word);
  const auto dim = static_cast<size_t>(vectors_.dim);
  const double* begin = unit_rows_.data() + static_cast<size_t>(row) * dim;
  return nearest(std::vector<double>(begin, begin + dim), {row}, k);
}

std::vector<Neighbor> WordVectorSpace::analogy(const std::string& a, const std::string& b, const std::string& c,
                                               int k) const {
  const std::vector<int64_t> rows = {row_of(a), row_of(b), row_of(c)};
  const auto dim = static_cast<size_t>(vectors_.dim);
  std::vector<double> query(dim);
  for (size_t j = 0; j < dim; ++j) {
    query[j] = unit_rows_[static_cast<size_t>(rows[0]) * dim + j] - unit_rows_[static_cast<size_t>(rows[1]) * dim + j] +
               unit_rows_[static_cast<size_t>(rows[2]) * dim + j];
  }
  return nearest(query, rows, k);
}

std::vector<Neighbor> WordVectorSpace::nearest(const std::vector<double>& query, const std::vector<int64_t>& excluded,
                                               int k) const {
  if (k < 1) throw std::invalid_argument(fmt::format("the number of neighbours must be >= 1, got {}", k));
  const auto dim = static_cast<size_t>(vectors_.dim);
  const double query_norm = std::sqrt(std::inner_product(query.begin(), query.end(), query.begin(), 0.0));

  std::vector<std::pair<double, size_t>> scores;  // (cosine, row)
  scores.reserve(vectors_.words.size());
  for (size_t row = 0; row < vectors_.words.size(); ++row) {
    if (std::find(excluded.begin(), excluded.end(), static_cast<int64_t>(row)) != excluded.end()) continue;
    const double* begin = unit_rows_.data() + row * dim;
    const double dot = std::inner_product(begin, begin + dim, query.begin(), 0.0);
    scores.emplace_back(query_norm > 0.0 ? dot / query_norm : 0.0, row);
  }

  const size_t count = std::min(static_cast<size_t>(k), scores.size());
  std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(count), scores.end(),
                    [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });

  std::vector<Neighbor> result;
  for (size_t i = 0; i < count; ++i) result.push_back({vectors_.words[scores[i].second], scores[i].first});
  return result;
}

}  // namespace runner::text
