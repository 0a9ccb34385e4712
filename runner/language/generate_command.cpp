#include "runner/language/generate_command.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <random>

#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "runner/error_report.h"
#include "runner/errors.h"
#include "runner/language/task_types.h"
#include "runner/language/text_config.h"
#include "runner/language/text_experiment.h"
#include "runner/language/token_corpus.h"
#include "runner/text/detokenizer.h"
#include "runner/text/vocabulary.h"

namespace runner::language {

namespace {

// A mistake in the command line or a run that cannot generate: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void check_options(const GenerateOptions& options) {
  const SamplingOptions& s = options.sampling;
  if (!(s.temperature > 0.0)) {
    throw UsageError(fmt::format("--temperature must be > 0, got {}", s.temperature));
  }
  if (s.top_k < 0) throw UsageError(fmt::format("--top-k must be >= 0 (0 = every token), got {}", s.top_k));
  if (s.tokens < 1) throw UsageError(fmt::format("--tokens must be >= 1, got {}", s.tokens));
  if (s.samples < 1) throw UsageError(fmt::format("--samples must be >= 1, got {}", s.samples));
}

results::StoredRun find_generating_run(results::ResultsStore& store, const GenerateOptions& options) {
  const std::optional<results::StoredRun> run = results::find_run(store, options.run_id);
  if (!run) throw UsageError(fmt::format("run {} not found in {}", options.run_id, options.database));
  const std::string task = run->task.value_or("classify");
  if (!predicts_next_token(task)) {
    throw UsageError(fmt::format("run {} ({}) has task {}, which does not predict the next token", options.run_id,
                                 run->experiment, task) +
                     "; generate needs a run of task ngram, lstm_lm or transformer_lm");
  }
  if (run->status != results::RunStatus::kCompleted) {
    fmt::print(stderr, "note: run {} is {}, not completed; sampling from the weights it saved\n", options.run_id,
               results::to_string(run->status));
  }
  return *run;
}

std::filesystem::path run_file(results::ResultsStore& store, int64_t run_id, const std::string& name) {
  const auto file = results::find_run_file(store, run_id, name);
  if (!file) {
    throw DataError(fmt::format("run {} recorded no {}: it stopped before saving it", run_id, name));
  }
  if (!std::filesystem::exists(*file)) {
    throw DataError(fmt::format("run {}'s {} is missing: {} does not exist", run_id, name, file->string()));
  }
  return *file;
}

// The prompt as ids, each word outside the vocabulary reported and mapped to the unknown token.
std::vector<int64_t> encode_prompt(const std::vector<std::string>& tokens, const text::Vocabulary& vocabulary,
                                   int64_t run_id) {
  std::vector<int64_t> ids;
  for (const std::string& token : tokens) {
    const std::optional<int64_t> id = vocabulary.find(token);
    if (!id) {
      fmt::print(stderr, "note: prompt word '{}' is not in the vocabulary of run {}; it maps to the unknown token {}\n",
                 token, run_id, vocabulary.unknown_token());
    }
    ids.push_back(id.value_or(text::Vocabulary::kUnknownId));
  }
  return ids;
}

int generate(const GenerateOptions& options) {
  check_options(options);
  if (!std::filesystem::exists(options.database)) {
    throw UsageError(fmt::format("results database {} not found", options.database) + "; pass --db FILE");
  }
  results::ResultsStore store(options.database);
  const results::StoredRun run = find_generating_run(store, options);

  // The stored config names the run's stage (last_stage), so the last stage parsed is this run's.
  const config::ConfigNode root =
      config::ConfigNode::parse_string(run.config_json, fmt::format("run {} config", run.id));
  const TextExperimentConfig config = parse_text_experiment(root, task_type_names());
  const StageConfig& stage = config.stages.back();
  const text::CorpusConfig corpus_config = text::parse_corpus_config(config.data);

  const text::Vocabulary vocabulary = text::Vocabulary::load(run_file(store, run.id, "vocabulary.txt"));
  TaskInputs inputs;
  inputs.corpus = vocabulary_only_corpus(vocabulary);
  inputs.seed = config.seed;
  std::unique_ptr<LanguageTask> task = make_task(stage.task_type, stage.task, inputs);
  task->load(run_file(store, run.id, kModelFileName));

  // Tokenize as the corpus was, then left-pad a short prompt with "." as the lecture does.
  const std::vector<std::string> prompt_tokens = tokenize_prompt(corpus_config, options.prompt);
  std::vector<int64_t> context = encode_prompt(prompt_tokens, vocabulary, run.id);
  const int64_t missing = task->context_length() - static_cast<int64_t>(context.size());
  if (missing > 0) context.insert(context.begin(), missing, inputs.corpus->sentence_end_id);

  const uint64_t seed = options.seed ? *options.seed : std::random_device{}();
  fmt::print(stderr, "run {} ({}, task {}), seed {}, prompt '{}'\n", run.id, run.experiment, stage.task_type, seed,
             options.prompt);
  for (const std::vector<int64_t>& sample : sample_continuations(*task, context, options.sampling, seed)) {
    std::vector<std::string> words = prompt_tokens;
    for (int64_t id : sample) words.push_back(vocabulary.word(id));
    fmt::print(stdout, "{}\n", text::detokenize(words));
  }
  return 0;
}

}  // namespace

int generate_text(const GenerateOptions& options) {
  try {
    return generate(options);
  } catch (const UsageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return static_cast<int>(ExitCode::kUsage);
  } catch (const ConfigError& error) {
    fmt::print(stderr, "error: the stored config of run {} is invalid: {}\n", options.run_id, error.what());
    return static_cast<int>(ExitCode::kConfig);
  } catch (...) {
    return static_cast<int>(report_current_error().exit_code);
  }
}

CLI::App* add_generate_command(CLI::App& app, GenerateOptions& options) {
  auto* command = app.add_subcommand("generate", "Sample continuations of a prompt from a trained language model run");
  command->add_option("run", options.run_id, "Run id of an ngram, lstm_lm or transformer_lm run")->required();
  command->add_option("--prompt", options.prompt, "Text to continue; cleaned up and tokenized like the run's corpus")
      ->required();
  command->add_option("--tokens", options.sampling.tokens, "Tokens to add to each sample (default 20)");
  command->add_option("--samples", options.sampling.samples, "Number of samples, one per line (default 5)");
  command->add_option("--temperature", options.sampling.temperature,
                      "Divide the logits by this before the softmax: < 1 sharper, > 1 flatter (default 1.0)");
  command->add_option("--top-k", options.sampling.top_k, "Draw only among the k most likely tokens; 0 = all (default)");
  command->add_option_function<uint64_t>(
      "--seed", [&options](const uint64_t& seed) { options.seed = seed; },
      "Seed of the sampling; the same seed gives the same samples (default: random, printed)");
  command->add_option("--db", options.database, "Results database file (default results/runs.db)");
  return command;
}

}  // namespace runner::language
