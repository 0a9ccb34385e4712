// The typed config of a text experiment: the sections outside `data` and each stage's task, optimizer
// and training, validated before anything is loaded. docs/text.md describes every key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runner/config/config_node.h"
#include "runner/config/experiment_config.h"

namespace runner::language {

// The source of a stage's input embedding: an earlier stage of the same config, or the
// embedding.vec of a run in the results database. Exactly one of from_stage and run_id is set.
struct InitEmbeddingConfig {
  std::string from_stage;   // empty when run_id is set
  int64_t run_id = 0;       // 0 when from_stage is set
  bool freeze = false;      // keep the copied embedding fixed during training
  config::ConfigNode node;  // the `init_embedding` mapping, for errors found later
};

struct TextTrainingConfig {
  // Exactly one of the two is > 0. With epochs, each epoch visits every training window once in a
  // shuffled order. With steps, each step draws its windows uniformly at random, as the lecture does,
  // and the whole stage is recorded as epoch 1.
  int64_t epochs = 0;
  int64_t steps = 0;
  int64_t batch_size = 128;
  int64_t log_every = 1000;      // steps between step_metrics rows; 0 = none
  int64_t eval_windows = 10000;  // held-out windows evaluated, spread evenly; 0 = all of them
  double grad_clip_norm = 1.0;   // 0 = no clipping; the lecture clips to 1
};

struct StageConfig {
  std::string name;
  std::string task_type;    // one of task_type_names()
  config::ConfigNode task;  // the `task` mapping: its own keys are read by the task's factory
  bool has_init_embedding = false;
  InitEmbeddingConfig init_embedding;
  config::OptimizerConfig optimizer;
  TextTrainingConfig training;
  config::ConfigNode node;  // the stage mapping, or the root for a config without `stages`
};

struct TextExperimentConfig {
  std::string name;
  std::string config_file;
  uint64_t seed = 0;
  std::string device = "auto";
  int64_t threads = 0;
  std::string results_database;
  config::ConfigNode data;  // the `data` section, read by the corpus loader
  // The stages to train, in order: those up to and including `last_stage` when it is set. A config
  // without `stages` has one, named after its task.type.
  std::vector<StageConfig> stages;
  // Empty, or the name of the stage to stop after. Each stage's run stores the config with this set
  // to the stage's own name, so that the stored config records which stage the run trained.
  std::string last_stage;
  config::ConfigNode root;
};

// Reads every key except `data` and the task-specific keys of each `task`. Rejects unknown keys,
// duplicate or missing stage names, and an init_embedding.from_stage that does not name an earlier
// stage. `task_types` lists the valid values of task.type.
TextExperimentConfig parse_text_experiment(const config::ConfigNode& root, const std::vector<std::string>& task_types);

}  // namespace runner::language
