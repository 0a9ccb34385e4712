#include "runner/language/word2vec_update.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace runner::language {

namespace {

// Four floats in one SSE register. GCC's and Clang's vector extension is used because GCC's -O2
// does not vectorize these loops by itself: their length is only known at run time.
typedef float Float4 __attribute__((vector_size(16)));

// Unaligned loads and stores: rows start at any multiple of 4 bytes.
Float4 load4(const float* values) {
  Float4 result;
  std::memcpy(&result, values, sizeof result);
  return result;
}

void store4(float* values, Float4 result) {
  std::memcpy(values, &result, sizeof result);
}

}  // namespace

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

float negative_log_sigmoid(float x) {
  // -log sigmoid(x) = log(1 + exp(-x)). For x < 0 the same value is -x + log(1 + exp(x)), which
  // keeps the argument of exp at or below 0, so exp never overflows.
  if (x >= 0.0f) return std::log1p(std::exp(-x));
  return -x + std::log1p(std::exp(x));
}

float dot(const float* a, const float* b, int64_t dim) {
  // Two independent vector sums over blocks of 8, then the remainder one by one.
  Float4 sum0 = {0.0f, 0.0f, 0.0f, 0.0f};
  Float4 sum1 = sum0;
  int64_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    sum0 += load4(a + i) * load4(b + i);
    sum1 += load4(a + i + 4) * load4(b + i + 4);
  }
  const Float4 sum = sum0 + sum1;
  float total = (sum[0] + sum[1]) + (sum[2] + sum[3]);
  for (; i < dim; ++i) total += a[i] * b[i];
  return total;
}

void add_scaled(float* row, const float* other, float scale, int64_t dim) {
  int64_t i = 0;
  for (; i + 8 <= dim; i += 8) {
    store4(row + i, load4(row + i) + scale * load4(other + i));
    store4(row + i + 4, load4(row + i + 4) + scale * load4(other + i + 4));
  }
  for (; i < dim; ++i) row[i] += scale * other[i];
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

    // One exp serves both the sigmoid and the loss, which take a third of the time otherwise.
    // With e = exp(-|score|): sigmoid(score) is 1 / (1 + e) for score >= 0 and e / (1 + e) below,
    // and -log sigmoid(z) = max(0, -z) + log(1 + e) for z = +-score. log(1 + e) rather than
    // log1p(e) is faster and off by less than 1e-7 per term, which only the reported loss sees.
    const float score = dot(hidden, output_row, dim);
    const float e = std::exp(-std::fabs(score));
    const float probability = score >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
    const float z = is_target ? score : -score;
    loss += std::max(0.0f, -z) + std::log(1.0f + e);

    // -learning_rate * dL/dscore: (label - sigmoid(score)) * learning_rate.
    const float label = is_target ? 1.0f : 0.0f;
    const float step = (label - probability) * learning_rate;

    add_scaled(hidden_step, output_row, step, dim);
    add_scaled(output_row, hidden, step, dim);
  }
  return loss;
}

}  // namespace runner::language
