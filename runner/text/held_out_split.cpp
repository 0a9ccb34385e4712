#include "runner/text/held_out_split.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace runner::text {

nlohmann::json HeldOutSplit::to_json() const {
  return {{"total_tokens", total_tokens},
          {"train_tokens", train_tokens()},
          {"held_out_tokens", held_out_tokens()},
          {"split_index", split_index},
          {"held_out_fraction", held_out_fraction}};
}

HeldOutSplit split_held_out(int64_t total_tokens, double fraction) {
  if (!(fraction >= 0.0 && fraction < 1.0)) {
    throw std::invalid_argument(fmt::format("the held-out fraction must be in [0, 1), got {}", fraction));
  }
  if (total_tokens < 0) throw std::invalid_argument(fmt::format("negative token count {}", total_tokens));

  HeldOutSplit split;
  split.total_tokens = total_tokens;
  split.held_out_fraction = fraction;
  split.split_index = total_tokens - std::llround(fraction * static_cast<double>(total_tokens));
  return split;
}

}  // namespace runner::text
