#include "runner/language/word2vec_update.h"

#include <cmath>

namespace runner::language {

namespace {

// Lanes of independent partial sums in dot(). Eight lets the compiler keep them in vector
// registers without reordering a single sum, which it may not do for floats without -ffast-math.
constexpr int64_t kDotLanes = 8;

}  // namespace

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

float negative_log_sigmoid(float x) {
  // -log sigmoid(x) = log(1 + exp(-x)); for x < 0 rewrite it as -x + log(1 + exp(x)) so exp never
  // overflows.
  if (x >= 0.0f) return std::log1p(std::exp(-x));
  return -x + std::log1p(std::exp(x));
}

float dot(const float* a, const float* b, int64_t dim) {
  float lanes[kDotLanes] = {};
  int64_t i = 0;
  for (; i + kDotLanes <= dim; i += kDotLanes) {
    for (int64_t lane = 0; lane < kDotLanes; ++lane) lanes[lane] += a[i + lane] * b[i + lane];
  }
  float sum = 0.0f;
  for (float lane : lanes) sum += lane;
  for (; i < dim; ++i) sum += a[i] * b[i];
  return sum;
}

void add_scaled(float* row, const float* other, float scale, int64_t dim) {
  for (int64_t i = 0; i < dim; ++i) row[i] += scale * other[i];
}

float negative_sampling_step(const float* hidden, float* hidden_step, float* output_vectors, int64_t dim,
                             int32_t target, const int32_t* negatives, int64_t negative_count,
                             float learning_rate) {
  float loss = 0.0f;
  for (int64_t k = -1; k < negative_count; ++k) {
    // k == -1 is the target (label 1), then the negatives (label 0).
    const bool is_target = k < 0;
    const int32_t word = is_target ? target : negatives[k];
    float* output_row = output_vectors + static_cast<int64_t>(word) * dim;

    const float score = dot(hidden, output_row, dim);
    loss += negative_log_sigmoid(is_target ? score : -score);

    // -learning_rate * dL/dscore: (label - sigmoid(score)) * learning_rate.
    const float label = is_target ? 1.0f : 0.0f;
    const float step = (label - sigmoid(score)) * learning_rate;

    add_scaled(hidden_step, output_row, step, dim);
    add_scaled(output_row, hidden, step, dim);
  }
  return loss;
}

}  // namespace runner::language
