// The split of a token stream into a training part and a held-out tail.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace runner::text {

// Tokens [0, split_index) train the model; [split_index, total_tokens) measure held-out loss. The tail
// is contiguous so that no context window crosses from one part into the other.
struct HeldOutSplit {
  int64_t total_tokens = 0;
  int64_t split_index = 0;
  double held_out_fraction = 0.0;  // as configured

  int64_t train_tokens() const { return split_index; }
  int64_t held_out_tokens() const { return total_tokens - split_index; }

  // {"total_tokens", "train_tokens", "held_out_tokens", "split_index", "held_out_fraction"}, for the
  // run's record.
  nlohmann::json to_json() const;
};

// held_out_tokens = round(fraction * total_tokens). Throws std::invalid_argument for a fraction
// outside [0, 1) or a negative total.
HeldOutSplit split_held_out(int64_t total_tokens, double fraction);

}  // namespace runner::text
