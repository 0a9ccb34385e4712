// Entry point: each verb maps to one function.
//   runner CONFIG.yaml          train every epoch of the experiment (same as `runner train CONFIG.yaml`)
//   runner show CONFIG.yaml     print the model's layers, shapes, parameter counts and a memory estimate
//   runner layers [NAME]        list the registered layer builders and their parameters
//   runner query "SQL"          print the rows of one read-only SQL statement on the results database
//   runner tokenize FILE        print the tokens of a text file, or of a config's cleaned-up corpus
//   runner vectors SOURCE ...   nearest words, similarities and analogies in word vectors
//   runner report IDS -o FILE   write an HTML report of runs, or of a sweep with --sweep ID
//   runner resume RUN_ID        continue an interrupted run from its last checkpoint
//   runner rerun RUN_ID         train a stored run's config again and compare the two runs
//   runner generate RUN_ID      sample continuations of a prompt from a trained language model run
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <tuple>
#include <string>
#include <vector>

#include "runner/cli/layers_command.h"
#include "runner/cli/query_command.h"
#include "runner/cli/report_command.h"
#include "runner/cli/show_command.h"
#include "runner/cli/tokenize_command.h"
#include "runner/cli/vectors_command.h"
#include "runner/errors.h"
#include "runner/language/generate_command.h"
#include "runner/language/show_text_command.h"
#include "runner/sweeprun/train_command.h"
#include "runner/train/replay_cli.h"
#include "runner/version.h"

namespace {

// Every verb, including those whose subcommand is added further down and the hidden sweep-worker.
const std::vector<std::string> kVerbs = {"train",  "show",     "layers",   "query",   "report",      "resume",
                                         "rerun",  "generate", "tokenize", "vectors", "sweep-worker"};

// `runner CONFIG` is short for `runner train CONFIG`: insert the verb when the first argument is
// neither a verb nor an option.
std::vector<std::string> normalize_arguments(int argc, char** argv) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (!arguments.empty() && arguments[0].rfind('-', 0) != 0 &&
      std::find(kVerbs.begin(), kVerbs.end(), arguments[0]) == kVerbs.end()) {
    arguments.insert(arguments.begin(), "train");
  }
  return arguments;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"runner: declarative deep-learning experiments from one YAML file, recorded in SQLite", "runner"};
  app.footer("`runner CONFIG.yaml` is short for `runner train CONFIG.yaml`.");
  app.set_version_flag("--version", fmt::format("runner {} ({})", runner::runner_version(), runner::git_commit()));
  app.require_subcommand(1);

  runner::sweeprun::TrainCommandOptions train_options;
  auto* train = app.add_subcommand("train", "Train every point of CONFIG's sweep (one point without a sweep) and "
                                            "record each epoch in SQLite");
  train->add_option("config", train_options.config_file, "Experiment config (YAML)")->required();
  train->add_option("overrides", train_options.overrides,
                    "Config overrides: a.b=v sets, +a.b=v adds, ~a.b removes, a.b=v1,v2 sweeps (docs/sweeps.md)");
  train->add_option("--db", train_options.database, "Results database file (overrides results.database)");
  train->add_flag("-q,--quiet", train_options.quiet, "Print one line per finished run: no progress, per-epoch lines or tables");
  train->add_flag("--dry-run", train_options.dry_run,
                  "Print every point, what it changes and where each value came from; train nothing");
  train->add_option("-j,--jobs", train_options.jobs, "Train this many points at once, in worker processes")
      ->check(CLI::Range(1, 256).description("an integer >= 1"));
  train->add_option("--devices", train_options.devices, "Devices given to workers in turn, e.g. cuda:0,cuda:1")
      ->delimiter(',');
  std::string shard;
  train->add_option("--shard", shard, "Train only share I of N of the points (I/N, e.g. 2/4), to split a sweep");
  train->add_flag("--fail-fast", train_options.fail_fast, "Stop the sweep at the first failed point");
  train->add_flag("--force", train_options.force, "Train completed points of a resumed sweep again too");
  train->add_flag("--new-sweep", train_options.new_sweep,
                  "Start a new sweep when the sweep's definition changed since it last ran");
  int64_t stale_after = 30;
  train->add_option("--stale-after", stale_after,
                    "Seconds without a heartbeat after which a running point counts as dead and is run again")
      ->check(CLI::Range(int64_t{1}, int64_t{86400}));

  runner::sweeprun::WorkerCommandOptions worker_options;
  auto* worker = app.add_subcommand("sweep-worker", "");  // started by --jobs; an empty description hides it
  worker->add_option("--db", worker_options.database)->required();
  worker->add_option("--sweep", worker_options.sweep_id)->required();
  worker->add_option("--worker", worker_options.worker_index);
  std::string worker_shard = "1/1";
  worker->add_option("--shard", worker_shard);
  worker->add_option("--device", worker_options.device);
  worker->add_option("--threads", worker_options.threads);
  worker->add_option("--stale-after", worker_options.stale_after_seconds);
  worker->add_flag("--fail-fast", worker_options.fail_fast);
  worker->add_flag("-q,--quiet", worker_options.quiet);

  std::string show_config;
  auto* show = app.add_subcommand("show", "Print the model's layers, output shapes, parameter counts and memory "
                                          "estimate without training; for a text config, each stage's parameters");
  show->add_option("config", show_config, "Experiment config (YAML)")->required();
  int show_depth = 0;
  show->add_option("--depth", show_depth, "Also list layers nested up to this many levels deep (default 0)")
      ->check(CLI::Range(0, 1000).description("an integer >= 0"));

  std::string layer_name;
  auto* layers = app.add_subcommand("layers", "List every registered layer with its parameters, types and defaults");
  layers->add_option("name", layer_name, "Show only this layer");

  std::string tokenize_input;
  auto* tokenize = app.add_subcommand("tokenize", "Print the tokens of a text file, or of a config's corpus after its "
                                                  "clean-up, one per line");
  tokenize->add_option("input", tokenize_input, "A .yaml/.yml config (its data section) or a text file (no clean-up)")
      ->required();

  runner::cli::VectorsOptions vectors_options;
  auto* vectors = runner::cli::add_vectors_subcommand(app, vectors_options);

  runner::results::report::ReportRequest report_request;
  auto* report = runner::cli::add_report_command(app, report_request);

  runner::train::ReplayRequest resume_request;
  auto* resume = runner::train::add_resume_command(app, resume_request);
  runner::train::ReplayRequest rerun_request;
  auto* rerun = runner::train::add_rerun_command(app, rerun_request);

  runner::cli::QueryOptions query_options;
  auto* query = runner::cli::add_query_command(app, query_options);

  runner::language::GenerateOptions generate_options;
  auto* generate = runner::language::add_generate_command(app, generate_options);

  std::vector<std::string> arguments = normalize_arguments(argc, argv);
  std::reverse(arguments.begin(), arguments.end());  // CLI11 consumes a reversed vector
  try {
    app.parse(arguments);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(runner::ExitCode::kUsage);
  }

  if (app.got_subcommand(train) || app.got_subcommand(worker)) {
    try {
      if (!shard.empty()) std::tie(train_options.shard_index, train_options.shard_count) =
          runner::sweeprun::parse_shard(shard);
      std::tie(worker_options.shard_index, worker_options.shard_count) = runner::sweeprun::parse_shard(worker_shard);
    } catch (const std::invalid_argument& error) {
      fmt::print(stderr, "usage error: {}\n", error.what());
      return static_cast<int>(runner::ExitCode::kUsage);
    }
    train_options.stale_after = std::chrono::seconds(stale_after);
    if (app.got_subcommand(worker)) return runner::sweeprun::run_worker_command(worker_options);
    return runner::sweeprun::run_train_command(train_options);
  }
  if (app.got_subcommand(show)) return runner::language::show_config(show_config, show_depth);
  if (app.got_subcommand(layers)) return runner::cli::list_layers(layer_name);
  if (app.got_subcommand(query)) return runner::cli::run_query_command(query_options);
  if (app.got_subcommand(generate)) return runner::language::generate_text(generate_options);
  if (app.got_subcommand(tokenize)) return runner::cli::tokenize_file(tokenize_input);
  if (app.got_subcommand(vectors)) return runner::cli::run_vectors(vectors_options);
  if (app.got_subcommand(report)) return runner::cli::run_report_command(report_request);
  if (app.got_subcommand(resume)) return runner::train::run_resume_command(resume_request);
  if (app.got_subcommand(rerun)) return runner::train::run_rerun_command(rerun_request);
  return static_cast<int>(runner::ExitCode::kUsage);
}
