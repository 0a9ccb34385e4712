// Entry point: each verb maps to one function.
//   runner CONFIG.yaml          train every epoch of the experiment (same as `runner train CONFIG.yaml`)
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "runner/errors.h"
#include "runner/train/experiment_runner.h"
#include "runner/version.h"

namespace {

int run_train(const runner::train::RunOptions& options) {
  return static_cast<int>(runner::train::run_experiment(options).exit_code);
}

// `runner CONFIG` is short for `runner train CONFIG`: insert the verb when the first argument is
// neither a verb nor an option.
std::vector<std::string> normalize_arguments(int argc, char** argv, const std::vector<std::string>& verbs) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (!arguments.empty() && arguments[0].rfind('-', 0) != 0 &&
      std::find(verbs.begin(), verbs.end(), arguments[0]) == verbs.end()) {
    arguments.insert(arguments.begin(), "train");
  }
  return arguments;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"runner: declarative deep-learning experiments from one YAML file, recorded in SQLite"};
  app.set_version_flag("--version", fmt::format("runner {} ({})", runner::runner_version(), runner::git_commit()));
  app.require_subcommand(1);

  runner::train::RunOptions train_options;
  auto* train = app.add_subcommand("train", "Train every epoch of CONFIG and record each epoch in SQLite");
  train->add_option("config", train_options.config_file, "Experiment config (YAML)")->required();
  train->add_option("--db", train_options.database, "Results database file (overrides results.database)");
  train->add_flag("-q,--quiet", train_options.quiet, "Print no progress and no per-epoch lines");

  std::vector<std::string> arguments = normalize_arguments(argc, argv, {"train"});
  std::reverse(arguments.begin(), arguments.end());  // CLI11 consumes a reversed vector
  try {
    app.parse(arguments);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(runner::ExitCode::kUsage);
  }

  if (app.got_subcommand(train)) return run_train(train_options);
  return static_cast<int>(runner::ExitCode::kUsage);
}
