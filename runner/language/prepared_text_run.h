// A text experiment made ready to train: config validated, corpus loaded, every stage's task built and
// its init_embedding checked. Nothing is written to the results database while preparing, so a config
// or data error leaves it untouched.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runner/language/language_task.h"
#include "runner/language/text_config.h"
#include "runner/language/token_corpus.h"
#include "runner/train/environment.h"
#include "runner/train/experiment_runner.h"

namespace runner::language {

struct PreparedStage {
  const StageConfig* config = nullptr;  // points into PreparedTextRun::config.stages
  std::unique_ptr<LanguageTask> task;
  // The run whose embedding init_embedding.run copied, 0 otherwise. A from_stage source is only
  // known once that stage's run exists.
  int64_t source_run = 0;
  int64_t source_stage = -1;  // index of the init_embedding.from_stage stage, -1 otherwise
};

struct PreparedTextRun {
  TextExperimentConfig config;
  train::ComputeEnvironment environment;
  std::unique_ptr<const LoadedCorpus> corpus;
  std::vector<PreparedStage> stages;
};

// Reads the config (text or file), applies the options' overrides, loads the corpus and builds each
// stage's task with the run's init stream. Throws ConfigError or DataError.
std::unique_ptr<PreparedTextRun> prepare_text_run(const train::RunOptions& options);

}  // namespace runner::language
