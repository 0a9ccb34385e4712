#include "runner/language/prepared_text_run.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <filesystem>
#include <stdexcept>

#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "runner/language/stage_trainer.h"
#include "runner/language/stored_embedding.h"
#include "runner/language/task_types.h"
#include "runner/random_streams.h"

namespace runner::language {

namespace {

// A window needs `context` tokens and the one after it, so a training part that short has no window.
void check_training_windows(const PreparedStage& stage, const TokenCorpus& corpus) {
  if (stage.task->positions(Split::kTrain) > 0) return;
  const config::ConfigNode& task = stage.config->task;
  const std::string key = task.has("context") ? "context" : "type";
  task.fail(key,
            fmt::format("the training part of the corpus has {} tokens, too few for one training window of task {}",
                        corpus.train.size(0), stage.config->task_type),
            "lower task.context, lower data.held_out or use a longer corpus");
}

// Copies an earlier stage's current embedding once now, to check the shapes before any run starts. The
// trained embedding is copied again when the stage begins.
void check_stage_embedding(PreparedStage& stage, const PreparedStage& source) {
  const InitEmbeddingConfig& init = stage.config->init_embedding;
  const std::optional<torch::Tensor> weights = source.task->embedding();
  if (!weights) {
    init.node.fail("from_stage", fmt::format("stage '{}' (task {}) has no embedding to copy", init.from_stage,
                                             source.config->task_type));
  }
  try {
    stage.task->set_embedding(*weights, init.freeze);
  } catch (const std::invalid_argument& error) {
    init.node.fail("from_stage",
                   fmt::format("cannot copy the embedding of stage '{}': {}", init.from_stage, error.what()),
                   "give both stages the same embedding_dim; they share the corpus and so the vocabulary");
  }
}

// Reads the embedding.vec of a stored run. Only reads the database, and only when the file exists.
void load_run_embedding(PreparedStage& stage, const TokenCorpus& corpus, const std::string& database) {
  const InitEmbeddingConfig& init = stage.config->init_embedding;
  if (!std::filesystem::exists(database)) {
    init.node.fail("run",
                   fmt::format("run {} not found: the results database {} does not exist", init.run_id, database),
                   "set results.database (or --db) to the database that holds the run");
  }
  results::ResultsStore store(database);
  const auto run = results::find_run(store, init.run_id);
  if (!run) init.node.fail("run", fmt::format("run {} not found in {}", init.run_id, database));
  const auto file = results::find_run_file(store, init.run_id, "embedding.vec");
  if (!file) {
    init.node.fail("run",
                   fmt::format("run {} ({}, task {}) recorded no embedding.vec", init.run_id, run->experiment,
                               run->task.value_or("classify")),
                   "name a run of a text task; `runner vectors RUN_ID export` lists what a run stored");
  }

  const std::optional<torch::Tensor> initial = stage.task->embedding();
  if (!initial) init.node.fail("run", fmt::format("task {} has no embedding to initialize", stage.config->task_type));
  try {
    const MappedEmbedding mapped = map_stored_embedding(*file, corpus.words, *initial);
    stage.task->set_embedding(mapped.weights, init.freeze);
    fmt::print(stderr, "embedding   stage {}: {} of {} words from run {} ({})\n", stage.config->name,
               mapped.matched_words, corpus.vocabulary_size, init.run_id, file->string());
  } catch (const std::invalid_argument& error) {
    init.node.fail("run", fmt::format("cannot use the embedding of run {}: {}", init.run_id, error.what()));
  }
  stage.source_run = init.run_id;
}

// Lets a self-updating task reject the stage's optimizer or schedule now, as a config error at the
// key that its message starts with ("optimizer.name: ...").
void check_self_update_schedule(const PreparedStage& stage, int threads) {
  const auto* self_updating = dynamic_cast<const SelfUpdatingTask*>(stage.task.get());
  if (self_updating == nullptr) return;
  try {
    self_updating->check_schedule(self_update_schedule(*stage.config, *stage.task, threads));
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    const size_t colon = message.find(": ");
    std::string key = colon == std::string::npos ? "" : message.substr(0, colon);
    const std::string text = colon == std::string::npos ? message : message.substr(colon + 2);

    // Walk down the key's sections while they exist, and fail at the rest of the key there.
    config::ConfigNode node = stage.config->node;
    for (size_t dot = key.find('.'); dot != std::string::npos && node.has(key.substr(0, dot)); dot = key.find('.')) {
      node = node.child(key.substr(0, dot));
      key = key.substr(dot + 1);
    }
    node.fail(key, text);
  }
}

PreparedStage prepare_stage(const PreparedTextRun& run, size_t index) {
  const StageConfig& config = run.config.stages[index];
  PreparedStage stage;
  stage.config = &config;
  TaskInputs inputs;
  inputs.corpus = run.corpus->tokens;
  inputs.device = run.environment.device;
  inputs.seed = run.config.seed;
  torch::manual_seed(derive_seed(run.config.seed, kInitStream));
  stage.task = make_task(config.task_type, config.task, inputs);
  check_training_windows(stage, *run.corpus->tokens);
  check_self_update_schedule(stage, run.environment.threads);
  return stage;
}

}  // namespace

std::unique_ptr<PreparedTextRun> prepare_text_run(const train::RunOptions& options) {
  const config::ConfigNode root = train::load_config_node(options);
  auto run = std::make_unique<PreparedTextRun>();
  run->config = parse_text_experiment(root, task_type_names());
  TextExperimentConfig& config = run->config;
  if (options.database) config.results_database = *options.database;
  if (options.device_override) config.device = *options.device_override;
  if (options.threads_override) config.threads = *options.threads_override;

  try {
    run->environment = train::set_up_environment(config.device, config.threads);
  } catch (const std::runtime_error& error) {
    root.fail("device", error.what());
  }
  run->corpus = std::make_unique<const LoadedCorpus>(load_token_corpus(config.data));

  for (size_t index = 0; index < config.stages.size(); ++index) {
    PreparedStage stage = prepare_stage(*run, index);
    if (stage.config->has_init_embedding) {
      const InitEmbeddingConfig& init = stage.config->init_embedding;
      if (init.run_id > 0) {
        load_run_embedding(stage, *run->corpus->tokens, config.results_database);
      } else {
        for (size_t before = 0; before < index; ++before) {
          if (config.stages[before].name == init.from_stage) stage.source_stage = static_cast<int64_t>(before);
        }
        check_stage_embedding(stage, run->stages[stage.source_stage]);
      }
    }
    run->stages.push_back(std::move(stage));
  }
  return run;
}

}  // namespace runner::language
