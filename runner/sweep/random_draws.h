// Reproducible random draws for `sweep.random`.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "runner/sweep/sweep_spec.h"

namespace runner::sweep {

// A double in [0, 1) from the top 53 bits of one engine output. std::uniform_real_distribution is
// not used because its output differs between standard libraries; std::mt19937_64's does not.
double uniform_unit(std::mt19937_64& engine);

// An integer in [0, count) with every value equally likely (outputs that would bias the modulo are
// drawn again). `count` must be > 0.
uint64_t uniform_below(std::mt19937_64& engine, uint64_t count);

// Draws `count` values of `param`, as YAML scalars (numbers) or copies of a choice. Each param has its
// own engine, seeded from `seed` and the param's path, so adding a param or raising count leaves the
// values already drawn for the other params and the earlier points unchanged.
std::vector<YAML::Node> draw_values(const RandomParam& param, uint64_t seed, int64_t count);

}  // namespace runner::sweep
