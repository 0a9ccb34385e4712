// Sweep expansion: one config file and the command-line overrides become the list of points to train.
//
// The caller (the sweep executor, `runner ... --dry-run`) gets every point's full config as YAML and as
// canonical JSON, a hash that identifies the point, and the values the point changes with where each
// came from. Nothing here trains, opens a database or needs LibTorch.
//
// Order of work:
//   1. read the file and take its `sweep` section out of the tree;
//   2. parse the overrides. A command-line sweep (`a.b=1,2`) becomes a grid axis after the file's
//      axes, or replaces the file's axis for the same path. A single value for a swept path pins
//      that axis to the value;
//   3. apply the other overrides, in order, to the tree: the base config;
//   4. list the points: grid (the last axis varies fastest) x explicit points x random draws, and
//      apply each point's values to a copy of the base.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace runner::sweep {

// One value that a point changes relative to the config file.
struct PointParam {
  std::string path;      // with list indexes in brackets: model.layers[2].out_channels
  nlohmann::json value;  // typed as the point's config reads it; null when removed
  bool removed = false;  // `~path` removed the key, so the default applies
  std::string origin;    // "sweep.yaml:5 (sweep.grid)", "sweep.yaml:12 (sweep.random)", "command line (override 2)"
};

struct SweepPoint {
  size_t point_index = 0;     // 0-based position in the sweep
  std::string config_yaml;    // the whole config without its sweep section; parses with ConfigNode::parse_string
  nlohmann::json config_json; // the same config as JSON, keys sorted, typed as ConfigNode reads it
  std::string config_hash;    // hash128_hex(config_json.dump()): 32 hex digits that identify the point
  std::vector<PointParam> params;  // command-line overrides first, then grid, explicit point and random values
};

struct ExpandedSweep {
  std::string name;                  // the config's `name` after the overrides
  std::filesystem::path config_file; // as given
  bool is_sweep = false;             // false for a file without a sweep section and no command-line sweep
  // {"base": the config after the non-sweep overrides, "sweep": the sweep with the command-line axes}.
  // The file's layout and comments are not part of it, so reformatting the file keeps the hash.
  nlohmann::json definition_json;
  std::string definition_hash;       // hash128_hex(definition_json.dump())
  std::vector<SweepPoint> points;    // at least one
};

// The point's params as one JSON object from path to value, null for a removed key: the form the
// results store keeps as a trial's params_json.
nlohmann::json params_object(const SweepPoint& point);

// More points than this is almost certainly a mistake (a grid with one axis too many), and every point
// keeps its whole config in memory.
inline constexpr size_t kMaxPoints = 10000;

// Expands `config_file` with `overrides` (command-line texts such as "optimizer.lr=0.1,0.01", in the
// order given). Throws ConfigError for a file that is missing or invalid YAML, a malformed override
// (OverrideSyntaxError), a path not found, an invalid sweep section or a point whose YAML does not
// parse. It also throws for more than kMaxPoints points and for two points with the same config hash.
// A path-not-found message names the closest existing path, and a duplicate names both point indexes.
ExpandedSweep expand(const std::filesystem::path& config_file, const std::vector<std::string>& overrides);

}  // namespace runner::sweep
