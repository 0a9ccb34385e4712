// `runner generate RUN_ID --prompt TEXT`: rebuild a trained language model from its run's stored
// config, vocabulary and weights, and print sampled continuations of the prompt as readable text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runner/language/sampling.h"

namespace CLI {
class App;
}

namespace runner::language {

struct GenerateOptions {
  int64_t run_id = 0;
  std::string prompt;
  SamplingOptions sampling;
  std::optional<uint64_t> seed;  // unset: a random seed, printed so that the samples can be repeated
  std::string database = "results/runs.db";
};

// Prints options.sampling.samples lines to stdout and notes (the seed, prompt words outside the
// vocabulary) to stderr. Returns the process exit code: 2 for invalid options or a run that cannot
// generate, 4 for a missing or damaged run file.
int generate_text(const GenerateOptions& options);

// Adds the `generate` subcommand to `app`, filling `options` when it parses.
CLI::App* add_generate_command(CLI::App& app, GenerateOptions& options);

}  // namespace runner::language
