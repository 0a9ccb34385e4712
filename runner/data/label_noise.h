// Symmetric label noise for robustness experiments: a fixed fraction of labels moves to another class.
#pragma once

#include <cstdint>
#include <vector>

namespace runner::data {

// Replaces exactly llround(rate * labels.size()) distinct labels, each with a class drawn uniformly from the
// num_classes - 1 classes other than its own, and returns how many labels changed. The choice depends only
// on the inputs and `seed`, and is the same with every standard library because it uses std::mt19937_64 and
// its own bounded draws. Throws std::invalid_argument when rate is outside [0, 1], when labels would change
// but num_classes < 2, or when a label is outside [0, num_classes).
int64_t apply_label_noise(std::vector<int64_t>& labels, int64_t num_classes, double rate, uint64_t seed);

}  // namespace runner::data
