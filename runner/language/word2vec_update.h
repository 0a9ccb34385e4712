// The hand-written SGD update of word2vec's negative-sampling objective, on plain float rows.
//
// Notation: `hidden` is h (dim), the vector that predicts: the centre word's input vector for
// skip-gram, the mean of the context words' input vectors for CBOW. u_w (dim) is row w of the output
// matrix. One example has a target word t and K negative words n_1..n_K, and its loss is
//   L = -log sigmoid(u_t . h) - sum_k log sigmoid(-u_{n_k} . h).
// The derivatives are dL/du_t = (sigmoid(u_t . h) - 1) h, dL/du_n = sigmoid(u_n . h) h and
// dL/dh = (sigmoid(u_t . h) - 1) u_t + sum_k sigmoid(u_{n_k} . h) u_{n_k}.
#pragma once

#include <cstdint>

namespace runner::language {

// Logistic sigmoid 1 / (1 + exp(-x)), exact (no lookup table) so that results do not depend on a
// table size.
float sigmoid(float x);

// -log sigmoid(x), computed without overflow for large |x|.
float negative_log_sigmoid(float x);

// Dot product of two rows of `dim` floats.
float dot(const float* a, const float* b, int64_t dim);

// row += scale * other, over `dim` floats.
void add_scaled(float* row, const float* other, float scale, int64_t dim);

// One SGD step of the negative-sampling loss above, at learning rate `learning_rate`, for one
// hidden vector against `target` and `negatives[0..negative_count)`.
//
// The output rows are updated in place, one after the other as word2vec does: each row moves by
// -learning_rate * dL/du computed from the current h. The step for h itself,
// -learning_rate * dL/dh, is added to `hidden_step` (dim) rather than to h, so the caller decides
// where it goes (the centre word's row for skip-gram, every context row for CBOW). Each term of
// dL/dh uses the output row as it was before that row's own update.
//
// Returns L for this example, measured before the update.
float negative_sampling_step(const float* hidden, float* hidden_step, float* output_vectors, int64_t dim,
                             int32_t target, const int32_t* negatives, int64_t negative_count,
                             float learning_rate);

}  // namespace runner::language
