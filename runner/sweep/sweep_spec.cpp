#include "runner/sweep/sweep_spec.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "runner/suggest.h"
#include "runner/sweep/yaml_text.h"

namespace runner::sweep {

namespace {

const std::vector<std::string> kSectionKeys = {"grid", "points", "random"};
const std::vector<std::string> kRandomKeys = {"count", "seed", "params"};
const std::vector<std::string> kDistributionKeys = {"uniform", "log_uniform", "int_uniform"};

// Reads one section of the sweep: the file name and where errors point.
struct Reader {
  const std::string& file;

  [[noreturn]] void fail(const YAML::Node& node, const std::string& key_path, const std::string& message,
                         const std::string& hint = "") const {
    const YAML::Mark mark = node.Mark();
    throw ConfigError(SourceLocation{file, mark.line + 1, mark.column + 1}, key_path, message, hint);
  }

  // The `+path` or `path` key of a grid, point or random entry; `~path` is rejected.
  EditTarget target(const YAML::Node& key, const std::string& key_path) const {
    EditTarget result;
    try {
      result = parse_edit_target(key.Scalar());
    } catch (const PathSyntaxError& error) {
      fail(key, key_path, error.what(), "write a key path such as model.layers[2].out_channels");
    }
    if (result.kind == EditKind::kRemove) {
      fail(key, key_path, "a sweep cannot remove a key", "remove it for every point with ~PATH on the command line");
    }
    return result;
  }

  void check_keys(const YAML::Node& mapping, const std::string& path, const std::vector<std::string>& known) const {
    for (const auto& pair : mapping) {
      const std::string key = pair.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        fail(pair.first, path + "." + key, "unknown key", suggest_names(key, known));
      }
    }
  }

  int64_t integer(const YAML::Node& node, const std::string& key_path, int64_t minimum) const {
    int64_t value = 0;
    if (!node.IsScalar() || node.Tag() == "!" || !YAML::convert<int64_t>::decode(node, value)) {
      fail(node, key_path, fmt::format("must be an integer >= {}, got '{}'", minimum, node.IsScalar() ? node.Scalar() : "a list or mapping"));
    }
    if (value < minimum) fail(node, key_path, fmt::format("must be an integer >= {}, got {}", minimum, value));
    return value;
  }

  double number(const YAML::Node& node, const std::string& key_path) const {
    double value = 0.0;
    if (!node.IsScalar() || node.Tag() == "!" || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
      fail(node, key_path, fmt::format("bounds must be finite numbers, got '{}'", node.IsScalar() ? node.Scalar() : "a list or mapping"));
    }
    return value;
  }
};

std::vector<GridAxis> read_grid(const Reader& reader, const YAML::Node& grid) {
  if (!grid.IsMap() || grid.size() == 0) {
    reader.fail(grid, "sweep.grid", "must be a non-empty mapping of key paths to lists of values",
                "write, for example, grid: {model.width: [32, 64]}");
  }
  std::vector<GridAxis> axes;
  for (const auto& pair : grid) {
    const std::string key_path = "sweep.grid." + pair.first.Scalar();
    GridAxis axis;
    axis.target = reader.target(pair.first, key_path);
    axis.origin = file_origin(reader.file, pair.first.Mark(), "sweep.grid", key_path);
    if (!pair.second.IsSequence()) {
      reader.fail(pair.second, key_path, "must be a list of values",
                  fmt::format("write [{}] to sweep one value, or set it outside the sweep", pair.second.IsScalar() ? pair.second.Scalar() : "..."));
    }
    if (pair.second.size() == 0) reader.fail(pair.second, key_path, "empty list: a grid axis needs at least one value");
    for (const auto& value : pair.second) axis.values.push_back(value);
    axes.push_back(std::move(axis));
  }
  return axes;
}

std::vector<std::vector<Assignment>> read_points(const Reader& reader, const YAML::Node& points) {
  if (!points.IsSequence() || points.size() == 0) {
    reader.fail(points, "sweep.points", "must be a non-empty list of mappings of key paths to values",
                "write, for example, points: [{optimizer.lr: 0.1}, {optimizer.lr: 0.01}]");
  }
  std::vector<std::vector<Assignment>> result;
  for (size_t i = 0; i < points.size(); ++i) {
    const YAML::Node point = points[i];
    const std::string point_path = fmt::format("sweep.points[{}]", i);
    if (!point.IsMap() || point.size() == 0) {
      reader.fail(point, point_path, "must be a non-empty mapping of key paths to values");
    }
    std::vector<Assignment> assignments;
    for (const auto& pair : point) {
      const std::string key_path = point_path + "." + pair.first.Scalar();
      assignments.push_back({reader.target(pair.first, key_path), pair.second,
                             file_origin(reader.file, pair.first.Mark(), "sweep.points", key_path)});
    }
    result.push_back(std::move(assignments));
  }
  return result;
}

void read_bounds(const Reader& reader, const YAML::Node& bounds, const std::string& key_path, RandomParam& param) {
  if (!bounds.IsSequence() || bounds.size() != 2) {
    reader.fail(bounds, key_path, "must be a list of two bounds [low, high]");
  }
  if (param.distribution == Distribution::kIntUniform) {
    param.int_low = reader.integer(bounds[0], key_path, std::numeric_limits<int64_t>::min());
    param.int_high = reader.integer(bounds[1], key_path, std::numeric_limits<int64_t>::min());
    if (param.int_low > param.int_high) {
      reader.fail(bounds, key_path, fmt::format("bounds out of order: [{}, {}]", param.int_low, param.int_high),
                  "write [low, high] with low <= high");
    }
    return;
  }
  param.low = reader.number(bounds[0], key_path);
  param.high = reader.number(bounds[1], key_path);
  if (param.low >= param.high) {
    reader.fail(bounds, key_path, fmt::format("bounds out of order: [{}, {}]", bounds[0].Scalar(), bounds[1].Scalar()),
                "write [low, high] with low < high");
  }
  if (param.distribution == Distribution::kLogUniform && param.low <= 0.0) {
    reader.fail(bounds, key_path, fmt::format("log_uniform bounds must be > 0, got [{}, {}]", bounds[0].Scalar(), bounds[1].Scalar()),
                "use uniform for a range that includes 0 or negative numbers");
  }
}

RandomParam read_random_param(const Reader& reader, const YAML::Node& key, const YAML::Node& value) {
  const std::string key_path = "sweep.random.params." + key.Scalar();
  RandomParam param;
  param.target = reader.target(key, key_path);
  param.origin = file_origin(reader.file, key.Mark(), "sweep.random", key_path);

  if (value.IsSequence()) {
    if (value.size() == 0) reader.fail(value, key_path, "empty list: a choice needs at least one value");
    param.distribution = Distribution::kChoice;
    for (const auto& choice : value) param.choices.push_back(choice);
    return param;
  }

  const std::string expected = "a list of values to choose from, or one of {uniform: [low, high]}, "
                               "{log_uniform: [low, high]}, {int_uniform: [low, high]}";
  if (!value.IsMap() || value.size() != 1) reader.fail(value, key_path, "must be " + expected);
  const auto entry = *value.begin();
  const std::string name = entry.first.Scalar();
  if (name == "uniform") {
    param.distribution = Distribution::kUniform;
  } else if (name == "log_uniform") {
    param.distribution = Distribution::kLogUniform;
  } else if (name == "int_uniform") {
    param.distribution = Distribution::kIntUniform;
  } else {
    reader.fail(entry.first, key_path + "." + name, fmt::format("unknown distribution '{}'", name),
                suggest_names(name, kDistributionKeys) + ", or a list of values to choose from");
  }
  read_bounds(reader, entry.second, key_path + "." + name, param);
  return param;
}

RandomSearch read_random(const Reader& reader, const YAML::Node& random) {
  if (!random.IsMap()) reader.fail(random, "sweep.random", "must be a mapping with count, seed and params");
  reader.check_keys(random, "sweep.random", kRandomKeys);

  RandomSearch search;
  if (!random["count"]) reader.fail(random, "sweep.random.count", "missing required integer: how many points to draw");
  search.count = reader.integer(random["count"], "sweep.random.count", 1);
  // Without a seed the draws are still reproducible: they come from seed 0.
  if (random["seed"]) search.seed = static_cast<uint64_t>(reader.integer(random["seed"], "sweep.random.seed", 0));

  const YAML::Node params = random["params"];
  if (!params || !params.IsMap() || params.size() == 0) {
    reader.fail(params ? params : random, "sweep.random.params", "must be a non-empty mapping of key paths to distributions",
                "write, for example, params: {optimizer.lr: {log_uniform: [1.0e-4, 1.0e-1]}}");
  }
  for (const auto& pair : params) search.params.push_back(read_random_param(reader, pair.first, pair.second));
  return search;
}

// One path set by two forms, or twice in one form, would make the point's value depend on the order
// in which they are applied, so it is rejected. Explicit points may all set the same paths.
void reject_repeated_paths(const SweepSpec& spec) {
  struct SweptPath {
    const ConfigPath* path;
    const ValueOrigin* origin;
  };
  std::vector<SweptPath> swept;
  const auto add_unique = [&swept](const ConfigPath& path, const ValueOrigin& origin) {
    for (const auto& first : swept) {
      if (first.path->same_as(path)) {
        fail_at(origin, fmt::format("path '{}' is also swept at {}", path.canonical_text(), first.origin->label),
                "sweep each path in one place only");
      }
    }
    swept.push_back({&path, &origin});
  };

  for (const auto& axis : spec.grid) add_unique(axis.target.path, axis.origin);

  std::vector<SweptPath> point_paths;
  for (const auto& point : spec.points) {
    for (const auto& assignment : point) {
      bool known = false;
      for (const auto& entry : point_paths) known = known || entry.path->same_as(assignment.target.path);
      if (!known) point_paths.push_back({&assignment.target.path, &assignment.origin});
    }
  }
  for (const auto& entry : point_paths) add_unique(*entry.path, *entry.origin);

  if (spec.random) {
    for (const auto& param : spec.random->params) add_unique(param.target.path, param.origin);
  }
}

}  // namespace

std::string distribution_name(Distribution distribution) {
  switch (distribution) {
    case Distribution::kChoice:
      return "choice";
    case Distribution::kUniform:
      return "uniform";
    case Distribution::kLogUniform:
      return "log_uniform";
    case Distribution::kIntUniform:
      return "int_uniform";
  }
  return "";
}

SweepSpec parse_sweep_section(const YAML::Node& section, const YAML::Mark& key_mark, const std::string& file) {
  const Reader reader{file};
  SweepSpec spec;
  spec.location = SourceLocation{file, key_mark.line + 1, key_mark.column + 1};
  if (!section.IsMap() || section.size() == 0) {
    throw ConfigError(spec.location, "sweep", "must be a non-empty mapping with grid, points or random",
                      "see docs/sweeps.md for the forms of a sweep");
  }
  reader.check_keys(section, "sweep", kSectionKeys);

  if (section["grid"]) spec.grid = read_grid(reader, section["grid"]);
  if (section["points"]) spec.points = read_points(reader, section["points"]);
  if (section["random"]) spec.random = read_random(reader, section["random"]);
  reject_repeated_paths(spec);
  return spec;
}

nlohmann::json sweep_to_json(const SweepSpec& spec) {
  nlohmann::json json = nlohmann::json::object();

  json["grid"] = nlohmann::json::array();
  for (const auto& axis : spec.grid) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& value : axis.values) values.push_back(yaml_to_json(value));
    json["grid"].push_back({{"path", axis.target.path.canonical_text()}, {"add", axis.target.kind == EditKind::kAdd}, {"values", values}});
  }

  json["points"] = nlohmann::json::array();
  for (const auto& point : spec.points) {
    nlohmann::json assignments = nlohmann::json::array();
    for (const auto& assignment : point) {
      assignments.push_back({{"path", assignment.target.path.canonical_text()},
                             {"add", assignment.target.kind == EditKind::kAdd},
                             {"value", yaml_to_json(assignment.value)}});
    }
    json["points"].push_back(assignments);
  }

  json["random"] = nullptr;
  if (spec.random) {
    nlohmann::json params = nlohmann::json::array();
    for (const auto& param : spec.random->params) {
      nlohmann::json entry = {{"path", param.target.path.canonical_text()}, {"add", param.target.kind == EditKind::kAdd},
                              {"distribution", distribution_name(param.distribution)}};
      if (param.distribution == Distribution::kChoice) {
        entry["choices"] = nlohmann::json::array();
        for (const auto& choice : param.choices) entry["choices"].push_back(yaml_to_json(choice));
      } else if (param.distribution == Distribution::kIntUniform) {
        entry["bounds"] = {param.int_low, param.int_high};
      } else {
        entry["bounds"] = {param.low, param.high};
      }
      params.push_back(entry);
    }
    json["random"] = {{"count", spec.random->count}, {"seed", spec.random->seed}, {"params", params}};
  }
  return json;
}

}  // namespace runner::sweep
