#include "runner/sweep/expand.h"

#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "runner/config/config_node.h"
#include "runner/sweep/command_line_sweep.h"
#include "runner/sweep/hash128.h"
#include "runner/sweep/random_draws.h"
#include "runner/sweep/sweep_spec.h"
#include "runner/sweep/tree_edit.h"
#include "runner/sweep/yaml_text.h"

namespace runner::sweep {

namespace {

// One value to apply to a point's tree.
struct PointEdit {
  EditKind kind;
  const ConfigPath* path;
  YAML::Node value;
  const ValueOrigin* origin;
};

// An edit already applied, remembered to fill in PointParam once the point's JSON is known.
struct AppliedEdit {
  EditedPath path;
  bool removed;
  std::string origin;
};

// The file as a mutable YAML tree. ConfigNode reads it first so that a missing file, a syntax error or
// a repeated key gets the same message as for a single run.
YAML::Node load_tree(const std::filesystem::path& config_file) {
  config::ConfigNode::parse_file(config_file);
  std::ifstream stream(config_file, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return YAML::Load(text.str());
}

// Takes the `sweep` section out of `root` and parses it; an empty spec when there is none.
SweepSpec take_sweep_section(YAML::Node& root, const std::string& file) {
  for (const auto& pair : root) {
    if (pair.first.Scalar() != "sweep") continue;
    SweepSpec spec = parse_sweep_section(pair.second, pair.first.Mark(), file);
    root.remove("sweep");
    return spec;
  }
  SweepSpec spec;
  spec.location = SourceLocation{file};  // errors about the whole sweep then name at least the file
  return spec;
}

size_t count_points(const SweepSpec& spec) {
  size_t count = 1;
  const auto multiply = [&count, &spec](size_t factor) {
    if (factor != 0 && count > kMaxPoints / factor) {
      throw ConfigError(spec.location, "sweep", fmt::format("the sweep has more than {} points", kMaxPoints),
                        "split it into several sweeps, or use sweep.random with a count");
    }
    count *= factor;
  };
  for (const auto& axis : spec.grid) multiply(axis.values.size());
  if (!spec.points.empty()) multiply(spec.points.size());
  if (spec.random) multiply(static_cast<size_t>(spec.random->count));
  return count;
}

// The grid values, explicit point and random draws of point `index`, in that order.
std::vector<PointEdit> edits_of_point(const SweepSpec& spec, const std::vector<std::vector<YAML::Node>>& draws,
                                      size_t index) {
  const size_t random_count = spec.random ? static_cast<size_t>(spec.random->count) : 1;
  const size_t point_count = spec.points.empty() ? 1 : spec.points.size();
  const size_t random_index = index % random_count;
  const size_t point_index = (index / random_count) % point_count;
  size_t grid_index = index / random_count / point_count;

  // The last axis varies fastest, so the grid index is read as digits from the last axis backwards.
  std::vector<PointEdit> edits(spec.grid.size());
  for (size_t axis = spec.grid.size(); axis-- > 0;) {
    const GridAxis& grid_axis = spec.grid[axis];
    const size_t value_index = grid_index % grid_axis.values.size();
    grid_index /= grid_axis.values.size();
    edits[axis] = {grid_axis.target.kind, &grid_axis.target.path, grid_axis.values[value_index], &grid_axis.origin};
  }
  if (!spec.points.empty()) {
    for (const auto& assignment : spec.points[point_index]) {
      edits.push_back({assignment.target.kind, &assignment.target.path, assignment.value, &assignment.origin});
    }
  }
  if (spec.random) {
    for (size_t i = 0; i < spec.random->params.size(); ++i) {
      const RandomParam& param = spec.random->params[i];
      edits.push_back({param.target.kind, &param.target.path, draws[i][random_index], &param.origin});
    }
  }
  return edits;
}

nlohmann::json value_at(const nlohmann::json& config, const std::vector<std::string>& tokens) {
  nlohmann::json::json_pointer pointer;
  for (const auto& token : tokens) pointer /= token;
  return config.contains(pointer) ? config.at(pointer) : nlohmann::json();
}

SweepPoint build_point(const YAML::Node& base, const std::vector<AppliedEdit>& base_edits,
                       const std::vector<PointEdit>& edits, size_t index, const std::string& config_name) {
  YAML::Node tree = YAML::Clone(base);
  std::vector<AppliedEdit> applied = base_edits;
  for (const auto& edit : edits) {
    EditedPath path = apply_edit(tree, edit.kind, *edit.path, edit.value, *edit.origin, config_name);
    applied.push_back({std::move(path), edit.kind == EditKind::kRemove, edit.origin->label});
  }

  SweepPoint point;
  point.point_index = index;
  point.config_yaml = emit_yaml(tree);
  point.config_json = config_json_of(point.config_yaml, fmt::format("{} (point {})", config_name, index));
  point.config_hash = hash128_hex(point.config_json.dump());
  for (const auto& edit : applied) {
    const nlohmann::json value = edit.removed ? nlohmann::json() : value_at(point.config_json, edit.path.pointer);
    point.params.push_back({edit.path.text, value, edit.removed, edit.origin});
  }
  return point;
}

// "seed=1, optimizer.lr=0.1": the values that a point sets, for error messages.
std::string describe_params(const SweepPoint& point) {
  std::string text;
  for (const auto& param : point.params) {
    if (!text.empty()) text += ", ";
    text += param.path + "=" + (param.removed ? "default" : param.value.dump());
  }
  return text.empty() ? "nothing" : text;
}

void reject_duplicate_points(const std::vector<SweepPoint>& points, const SweepSpec& spec) {
  std::unordered_map<std::string, size_t> first_index;
  for (const auto& point : points) {
    const auto [it, inserted] = first_index.emplace(point.config_hash, point.point_index);
    if (inserted) continue;
    const SweepPoint& first = points[it->second];
    throw ConfigError(spec.location, "sweep",
                      fmt::format("points {} and {} have the same config (hash {}), so one of them would train "
                                  "twice. Point {} sets {}, and point {} sets {}",
                                  first.point_index, point.point_index, point.config_hash.substr(0, 12),
                                  first.point_index, describe_params(first), point.point_index, describe_params(point)),
                      "remove the repeated value from the grid or the explicit points; for sweep.random, lower "
                      "count or widen the choices");
  }
}

}  // namespace

nlohmann::json params_object(const SweepPoint& point) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& param : point.params) object[param.path] = param.value;
  return object;
}

ExpandedSweep expand(const std::filesystem::path& config_file, const std::vector<std::string>& overrides) {
  const std::string config_name = config_file.string();
  YAML::Node base = load_tree(config_file);
  SweepSpec spec = take_sweep_section(base, config_name);

  std::vector<Override> parsed;
  for (size_t i = 0; i < overrides.size(); ++i) parsed.push_back(parse_override(overrides[i], i + 1));
  const std::vector<Override> fixed = merge_command_line(spec, parsed);

  std::vector<AppliedEdit> base_edits;
  for (const auto& override : fixed) {
    const YAML::Node value = override.values.empty() ? YAML::Node() : override.values[0];
    EditedPath path = apply_edit(base, override.kind, override.path, value, override.origin, config_name);
    base_edits.push_back({std::move(path), override.kind == EditKind::kRemove, override.origin.label});
  }

  ExpandedSweep sweep;
  sweep.config_file = config_file;
  sweep.is_sweep = !spec.grid.empty() || !spec.points.empty() || spec.random.has_value();
  const YAML::Node& read_only = base;
  sweep.name = read_only["name"] && read_only["name"].IsScalar() ? read_only["name"].Scalar() : "";
  sweep.definition_json = {{"base", config_json_of(emit_yaml(base), config_name)}, {"sweep", sweep_to_json(spec)}};
  sweep.definition_hash = hash128_hex(sweep.definition_json.dump());

  const size_t count = count_points(spec);
  std::vector<std::vector<YAML::Node>> draws;  // draws[param][random_index]
  if (spec.random) {
    for (const auto& param : spec.random->params) draws.push_back(draw_values(param, spec.random->seed, spec.random->count));
  }
  for (size_t index = 0; index < count; ++index) {
    sweep.points.push_back(build_point(base, base_edits, edits_of_point(spec, draws, index), index, config_name));
  }
  reject_duplicate_points(sweep.points, spec);
  return sweep;
}

}  // namespace runner::sweep
