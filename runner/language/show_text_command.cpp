#include "runner/language/show_text_command.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include "runner/cli/show_command.h"
#include "runner/error_report.h"
#include "runner/language/prepared_text_run.h"
#include "runner/language/text_experiment.h"
#include "runner/train/experiment_runner.h"

namespace runner::language {

namespace {

std::string shape_text(const torch::Tensor& tensor) {
  std::string text;
  for (int64_t size : tensor.sizes()) text += (text.empty() ? "" : " x ") + std::to_string(size);
  return text.empty() ? "scalar" : text;
}

// Reads the corpus, because the vocabulary's size decides the shapes of the embedding and the output
// layer. Nothing is trained, and the results database is not opened.
int show_text_model(const std::filesystem::path& config_file) {
  train::RunOptions options;
  options.config_file = config_file;
  const std::unique_ptr<PreparedTextRun> run = prepare_text_run(options);
  const TokenCorpus& corpus = *run->corpus->tokens;

  fmt::print("{} ({}): corpus {}, {} training and {} held-out tokens, vocabulary of {} words\n", run->config.name,
             config_file.string(), run->corpus->config.corpus, corpus.train.numel(), corpus.held_out.numel(),
             corpus.vocabulary_size);
  for (const PreparedStage& stage : run->stages) {
    fmt::print("\nstage {} ({})\n", stage.config->name, stage.task->type());
    fmt::print("  {:<40} {:>16} {:>12}\n", "parameter", "shape", "values");
    int64_t total = 0;
    for (const auto& parameter : stage.task->module().named_parameters()) {
      const torch::Tensor& tensor = parameter.value();
      total += tensor.numel();
      fmt::print("  {:<40} {:>16} {:>12}\n", parameter.key(), shape_text(tensor), tensor.numel());
    }
    fmt::print("  total parameters: {}\n", total);
    if (stage.config->has_init_embedding) {
      const auto& source = stage.config->init_embedding;
      fmt::print("  embedding copied from {}{}\n",
                 source.from_stage.empty() ? fmt::format("run {}", source.run_id) : "stage " + source.from_stage,
                 source.freeze ? ", frozen" : "");
    }
  }
  return 0;
}

}  // namespace

int show_config(const std::filesystem::path& config_file, int max_depth) {
  try {
    if (!is_text_config(config::ConfigNode::parse_file(config_file))) return cli::show_model(config_file, max_depth);
    return show_text_model(config_file);
  } catch (...) {
    return static_cast<int>(report_current_error().exit_code);
  }
}

}  // namespace runner::language
