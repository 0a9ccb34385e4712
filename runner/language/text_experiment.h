// `runner CONFIG` for a text config: load and split the corpus, then train each stage as its own run
// (CBOW, skip-gram, n-gram, LSTM or transformer language model), logging every `log_every` steps to
// step_metrics and every epoch to metrics. docs/text.md describes the config.
#pragma once

#include "runner/config/config_node.h"
#include "runner/train/experiment_runner.h"

namespace runner::language {

// The names under which a text run records its weights and its input embedding in run_files.
inline constexpr const char* kModelFileName = "model.pt";
inline constexpr const char* kEmbeddingFileName = "embedding.vec";

// True when `root` is a text config: it has a `task` or `stages` key.
bool is_text_config(const config::ConfigNode& root);

// Runs every stage of the text experiment; every error is reported on stderr and mapped to an exit
// code. A config or data error writes nothing to the results database. The outcome's run_id is the
// last stage's run.
train::RunOutcome run_text_experiment(const train::RunOptions& options);

}  // namespace runner::language
