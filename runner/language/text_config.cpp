#include "runner/language/text_config.h"

#include <fmt/format.h>

#include <algorithm>

namespace runner::language {

namespace {

using config::ConfigNode;
using config::Range;

TextTrainingConfig parse_training(const ConfigNode& stage) {
  TextTrainingConfig training;
  const ConfigNode section = stage.child_or_empty("training");
  const bool has_epochs = section.has("epochs");
  const bool has_steps = section.has("steps");
  if (has_epochs && has_steps) {
    section.fail("steps", "give either epochs or steps, not both",
                 "epochs visit every training window once each; steps draw random windows");
  }
  if (has_steps) {
    training.steps = section.get_int("steps", std::nullopt, Range::at_least(1));
  } else {
    training.epochs = section.get_int("epochs", 1, Range::at_least(1));
  }
  training.batch_size = section.get_int("batch_size", 128, Range::at_least(1));
  training.log_every = section.get_int("log_every", 1000, Range::at_least(0));
  training.eval_windows = section.get_int("eval_windows", 10000, Range::at_least(0));
  training.grad_clip_norm = section.get_double("grad_clip_norm", 1.0, Range::at_least(0.0));
  section.check_unknown_keys();
  return training;
}

InitEmbeddingConfig parse_init_embedding(const ConfigNode& task) {
  InitEmbeddingConfig init;
  init.node = task.child("init_embedding");
  const bool has_stage = init.node.has("from_stage");
  const bool has_run = init.node.has("run");
  if (has_stage == has_run) {
    task.fail("init_embedding", has_stage ? "give either from_stage or run, not both" : "needs from_stage or run",
              "from_stage: NAME copies an earlier stage's embedding; run: ID reads a stored run's embedding.vec");
  }
  if (has_stage) {
    init.from_stage = init.node.get_string("from_stage", std::nullopt);
  } else {
    init.run_id = init.node.get_int("run", std::nullopt, Range::at_least(1));
  }
  init.freeze = init.node.get_bool("freeze", false);
  init.node.check_unknown_keys();
  return init;
}

// Reads the keys that every stage has. The task's own keys are left for its factory to read.
StageConfig parse_stage(const ConfigNode& stage_node, const std::string& default_name,
                        const std::vector<std::string>& task_types) {
  StageConfig stage;
  stage.node = stage_node;
  stage.task = stage_node.child("task");
  stage.task_type = stage.task.get_choice("type", std::nullopt, task_types);
  stage.name = default_name.empty() ? stage_node.get_string("name", std::nullopt) : default_name;
  if (stage.name.empty()) stage_node.fail("name", "must not be empty");
  if (stage.task.has("init_embedding")) {
    stage.has_init_embedding = true;
    stage.init_embedding = parse_init_embedding(stage.task);
  }
  stage.optimizer = config::parse_optimizer_section(stage_node);
  stage.training = parse_training(stage_node);
  return stage;
}

std::vector<StageConfig> parse_stages(const ConfigNode& root, const std::vector<std::string>& task_types) {
  std::vector<StageConfig> stages;
  if (!root.has("stages")) {
    const std::string type = root.child("task").get_choice("type", std::nullopt, task_types);
    stages.push_back(parse_stage(root, type, task_types));
    return stages;
  }

  for (const char* key : {"task", "optimizer", "training"}) {
    if (root.has(key)) {
      root.fail(key, "a config with stages has no top-level " + std::string(key), "move it into each entry of stages");
    }
  }
  const std::vector<ConfigNode> nodes = root.sequence("stages");
  if (nodes.empty()) root.fail("stages", "must contain at least one stage");
  for (const ConfigNode& node : nodes) {
    StageConfig stage = parse_stage(node, "", task_types);
    for (const StageConfig& earlier : stages) {
      if (earlier.name == stage.name) {
        node.fail("name", fmt::format("stage name '{}' is used twice", stage.name), "give each stage its own name");
      }
    }
    node.check_unknown_keys();
    stages.push_back(std::move(stage));
  }
  return stages;
}

// Checks that from_stage names an earlier stage, whose run will exist by the time this one starts.
void check_stage_references(const std::vector<StageConfig>& stages) {
  for (size_t index = 0; index < stages.size(); ++index) {
    const StageConfig& stage = stages[index];
    if (!stage.has_init_embedding || stage.init_embedding.from_stage.empty()) continue;

    std::vector<std::string> earlier;
    for (size_t before = 0; before < index; ++before) earlier.push_back(stages[before].name);
    if (std::find(earlier.begin(), earlier.end(), stage.init_embedding.from_stage) != earlier.end()) continue;
    const std::string listed =
        earlier.empty() ? "none: this is the first stage" : fmt::format("{}", fmt::join(earlier, ", "));
    stage.init_embedding.node.fail("from_stage",
                                   fmt::format("'{}' is not an earlier stage", stage.init_embedding.from_stage),
                                   fmt::format("name a stage listed before this one (earlier stages: {})", listed));
  }
}

// Drops the stages after `last_stage`.
void apply_last_stage(const ConfigNode& root, TextExperimentConfig& config) {
  if (!root.has("last_stage")) return;
  config.last_stage = root.get_string("last_stage", std::nullopt);
  auto found = std::find_if(config.stages.begin(), config.stages.end(),
                            [&](const StageConfig& stage) { return stage.name == config.last_stage; });
  if (found == config.stages.end()) {
    std::vector<std::string> names;
    for (const StageConfig& stage : config.stages) names.push_back(stage.name);
    root.fail("last_stage", fmt::format("no stage is named '{}'", config.last_stage),
              fmt::format("stages: {}", fmt::join(names, ", ")));
  }
  config.stages.erase(found + 1, config.stages.end());
}

}  // namespace

TextExperimentConfig parse_text_experiment(const ConfigNode& root, const std::vector<std::string>& task_types) {
  TextExperimentConfig config;
  config.root = root;
  config.config_file = root.file();
  config.name = root.get_string("name", std::nullopt);
  if (config.name.empty()) root.fail("name", "must not be empty");
  config.seed = static_cast<uint64_t>(root.get_int("seed", 0, Range::at_least(0)));
  config.device = config::parse_device_key(root);
  config.threads = root.get_int("threads", 0, Range::at_least(0));
  config.data = root.child("data");

  config.stages = parse_stages(root, task_types);
  check_stage_references(config.stages);
  apply_last_stage(root, config);

  const ConfigNode results = root.child_or_empty("results");
  config.results_database = results.get_string("database", "results/runs.db");
  results.check_unknown_keys();
  root.check_unknown_keys();
  return config;
}

}  // namespace runner::language
