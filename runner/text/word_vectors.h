// Word vectors (an embedding with its words) and the queries people run on them: cosine similarity,
// nearest neighbours and analogies.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace runner::text {

struct WordVectors {
  std::vector<std::string> words;  // (words,)
  int dim = 0;
  std::vector<float> values;  // row-major (words, dim): the vector of words[i] is values[i*dim, (i+1)*dim)
};

// A query named a word that the vectors do not contain. The message lists the closest known spellings.
class UnknownWordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Neighbor {
  std::string word;
  double similarity = 0.0;  // cosine, in [-1, 1]
};

// Cosine queries over a fixed set of vectors. Each row is normalized once, in double precision.
// A zero vector has similarity 0 with every word.
class WordVectorSpace {
 public:
  // Throws std::invalid_argument when values.size() != words.size() * dim, dim < 1, or a word repeats.
  explicit WordVectorSpace(WordVectors vectors);

  const WordVectors& vectors() const { return vectors_; }
  bool contains(const std::string& word) const { return rows_.count(word) > 0; }

  // Cosine similarity of two words. Throws UnknownWordError for a word not in the vectors.
  double similarity(const std::string& a, const std::string& b) const;

  // The k words most similar to `word`, most similar first, without `word` itself; ties keep file order.
  std::vector<Neighbor> neighbors(const std::string& word, int k) const;

  // The k words nearest to a - b + c (each of the three normalized first, as word2vec does), without
  // a, b and c themselves: analogy("king", "man", "woman", k) completes "man is to king as woman is to ?".
  std::vector<Neighbor> analogy(const std::string& a, const std::string& b, const std::string& c, int k) const;

 private:
  int64_t row_of(const std::string& word) const;  // throws UnknownWordError
  std::vector<Neighbor> nearest(const std::vector<double>& query, const std::vector<int64_t>& excluded, int k) const;

  WordVectors vectors_;
  std::vector<double> unit_rows_;  // (words, dim), each row divided by its norm (zero rows stay zero)
  std::unordered_map<std::string, int64_t> rows_;
};

}  // namespace runner::text
