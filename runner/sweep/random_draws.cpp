#include "runner/sweep/random_draws.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "runner/random_streams.h"
#include "runner/sweep/yaml_text.h"

namespace runner::sweep {

double uniform_unit(std::mt19937_64& engine) {
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine() >> 11) * kTwoToMinus53;
}

uint64_t uniform_below(std::mt19937_64& engine, uint64_t count) {
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  const uint64_t limit = max - max % count;  // [0, limit) contains a whole number of copies of [0, count)
  uint64_t value = engine();
  while (value >= limit) value = engine();
  return value % count;
}

namespace {

YAML::Node draw_one(const RandomParam& param, std::mt19937_64& engine) {
  switch (param.distribution) {
    case Distribution::kChoice:
      return YAML::Clone(param.choices[uniform_below(engine, param.choices.size())]);

    case Distribution::kUniform: {
      // Rounding can land one ulp outside the bounds, so the result is clamped.
      const double value = std::clamp(param.low + (param.high - param.low) * uniform_unit(engine), param.low, param.high);
      return YAML::Node(yaml_text_of_double(value));
    }

    case Distribution::kLogUniform: {
      const double log_low = std::log(param.low);
      const double log_high = std::log(param.high);
      const double value = std::clamp(std::exp(log_low + (log_high - log_low) * uniform_unit(engine)), param.low, param.high);
      return YAML::Node(yaml_text_of_double(value));
    }

    case Distribution::kIntUniform: {
      // The span of [int_low, int_high] in unsigned arithmetic; 0 means the whole int64 range.
      const uint64_t span = static_cast<uint64_t>(param.int_high) - static_cast<uint64_t>(param.int_low) + 1;
      const uint64_t offset = span == 0 ? engine() : uniform_below(engine, span);
      const int64_t value = static_cast<int64_t>(static_cast<uint64_t>(param.int_low) + offset);
      return YAML::Node(std::to_string(value));
    }
  }
  return YAML::Node();
}

}  // namespace

std::vector<YAML::Node> draw_values(const RandomParam& param, uint64_t seed, int64_t count) {
  // NOTE: std::log and std::exp are not required to be correctly rounded. A log_uniform draw may
  // therefore differ in its last bit between C libraries, while the other distributions are exact.
  std::mt19937_64 engine(derive_seed(seed, "sweep.random." + param.target.path.canonical_text()));
  std::vector<YAML::Node> values;
  for (int64_t i = 0; i < count; ++i) values.push_back(draw_one(param, engine));
  return values;
}

}  // namespace runner::sweep
