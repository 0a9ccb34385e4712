// The `sweep` section of a config file: a grid, explicit points and random draws, combinable.
//
//   sweep:
//     grid:                      # cartesian product in the order written; the last key varies fastest
//       model.width: [32, 64]
//     points:                    # explicit points, each a mapping of path to value
//       - {optimizer.lr: 0.1, optimizer.name: sgd}
//     random:                    # `count` points drawn from `seed`
//       count: 8
//       seed: 7
//       params:
//         optimizer.lr: {log_uniform: [1.0e-4, 1.0e-1]}
//         optimizer.weight_decay: {uniform: [0, 0.01]}
//         model.width: [32, 64, 128]          # one element, chosen uniformly
//         training.epochs: {int_uniform: [2, 5]}
//
// Keys are override paths: `+path` adds a key that the config does not have.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "runner/errors.h"
#include "runner/sweep/override.h"
#include "runner/sweep/value_origin.h"

namespace runner::sweep {

// One axis of the grid: a path and the values it takes.
struct GridAxis {
  EditTarget target;  // kSet or kAdd
  std::vector<YAML::Node> values;
  ValueOrigin origin;
};

// One path and its value in an explicit point.
struct Assignment {
  EditTarget target;
  YAML::Node value;
  ValueOrigin origin;
};

enum class Distribution { kChoice, kUniform, kLogUniform, kIntUniform };

struct RandomParam {
  EditTarget target;
  Distribution distribution = Distribution::kChoice;
  double low = 0.0;  // kUniform and kLogUniform draw from [low, high]
  double high = 0.0;
  int64_t int_low = 0;  // kIntUniform draws from [int_low, int_high], both included
  int64_t int_high = 0;
  std::vector<YAML::Node> choices;  // kChoice draws one element, each equally likely
  ValueOrigin origin;
};

struct RandomSearch {
  int64_t count = 0;
  uint64_t seed = 0;
  std::vector<RandomParam> params;
};

struct SweepSpec {
  std::vector<GridAxis> grid;
  std::vector<std::vector<Assignment>> points;
  std::optional<RandomSearch> random;
  SourceLocation location;  // of the `sweep` key, or only the file when it has no sweep section
};

// Reads the sweep section `section` of `file`, whose `sweep` key is at `key_mark`. Every mistake is a
// ConfigError at the file, line and column of the offending key or value: an unknown key, an empty
// grid list, an unknown distribution, bounds out of order, a log_uniform bound <= 0, count < 1, or one
// path in two of grid, points and random.
SweepSpec parse_sweep_section(const YAML::Node& section, const YAML::Mark& key_mark, const std::string& file);

// The sweep as JSON for the definition hash. The grid and the random params are lists of objects,
// not mappings, because their order decides the order of the points and the random draws.
nlohmann::json sweep_to_json(const SweepSpec& spec);

std::string distribution_name(Distribution distribution);

}  // namespace runner::sweep
