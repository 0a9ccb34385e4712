#include "runner/sweeprun/train_command.h"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "results/run_lookup.h"
#include "results/store.h"
#include "results/trials.h"
#include "runner/config/config_node.h"
#include "runner/config/experiment_config.h"
#include "runner/data/image_dataset.h"
#include "runner/error_report.h"
#include "runner/errors.h"
#include "runner/language/text_experiment.h"
#include "runner/sweep/dry_run.h"
#include "runner/sweep/expand.h"
#include "runner/sweeprun/run_dispatch.h"
#include "runner/sweeprun/sweep_worker.h"
#include "runner/sweeprun/worker_pool.h"
#include "runner/train/interrupt.h"

namespace runner::sweeprun {

namespace {

constexpr const char* kDefaultDatabase = "results/runs.db";

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return name;
}

std::vector<std::pair<std::string, nlohmann::json>> params_of(const sweep::SweepPoint& point) {
  std::vector<std::pair<std::string, nlohmann::json>> params;
  for (const auto& param : point.params) params.emplace_back(param.path, param.value);
  return params;
}

// The database every point writes to: --db, or the first point's results.database. Points that name
// different databases would split one sweep's trials, so that is an error.
std::string sweep_database(const sweep::ExpandedSweep& expanded, const std::optional<std::string>& override) {
  if (override) return *override;
  std::string database;
  for (const auto& point : expanded.points) {
    const auto root = config::ConfigNode::parse_string(point.config_yaml, expanded.config_file.string());
    const std::string name = root.child_or_empty("results").get_string("database", std::string(kDefaultDatabase));
    if (database.empty()) {
      database = name;
    } else if (name != database) {
      throw ConfigError(SourceLocation{expanded.config_file.string(), 0, 0}, "results.database",
                        fmt::format("sweep points write to different databases ('{}' and '{}')", database, name),
                        "sweep every point into one database: do not sweep results.database, or pass --db");
    }
  }
  return database;
}

// A single point without a command-line sweep: the plain `runner CONFIG` run.
int run_single(const TrainCommandOptions& options, const sweep::ExpandedSweep& expanded) {
  train::RunOptions run;
  run.config_file = options.config_file;
  run.database = options.database;
  run.quiet = options.quiet;
  if (!options.overrides.empty()) {
    // The overridden config is new text, so its errors cannot point into the file. Instead they name
    // the file and mention that overrides were applied.
    const auto& point = expanded.points.front();
    run.config_text = point.config_yaml;
    run.config_source_name = fmt::format("{} (with command-line overrides)", options.config_file.string());
    run.on_run_started = [params = params_of(point)](results::ResultsStore& store, int64_t run_id) {
      results::record_params(store, run_id, params);
    };
  }
  return static_cast<int>(run_point(run).exit_code);
}

results::SweepDefinition definition_of(const sweep::ExpandedSweep& expanded) {
  results::SweepDefinition definition;
  definition.name = expanded.name;
  definition.config_file = std::filesystem::absolute(expanded.config_file).string();
  definition.definition_hash = expanded.definition_hash;
  definition.definition_json = expanded.definition_json.dump();
  for (const auto& point : expanded.points) {
    results::SweepPoint row;
    row.point_index = static_cast<int64_t>(point.point_index);
    row.config_hash = point.config_hash;
    row.config_yaml = point.config_yaml;
    row.params_json = sweep::params_object(point).dump();
    definition.points.push_back(std::move(row));
  }
  return definition;
}

std::vector<WorkerCommand> worker_commands(const TrainCommandOptions& options, const std::string& database,
                                           int64_t sweep_id) {
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  const int threads = std::max(1, cores / options.jobs);
  std::vector<WorkerCommand> workers;
  for (int index = 0; index < options.jobs; ++index) {
    WorkerCommand worker;
    worker.name = fmt::format("worker {}/{}", index + 1, options.jobs);
    worker.arguments = {"sweep-worker",     "--db",          database,
                        "--sweep",          std::to_string(sweep_id), "--worker",
                        std::to_string(index), "--shard",    fmt::format("{}/{}", options.shard_index + 1,
                                                                         options.shard_count),
                        "--threads",        std::to_string(threads), "--stale-after",
                        std::to_string(options.stale_after.count())};
    if (!options.devices.empty()) {
      worker.arguments.push_back("--device");
      worker.arguments.push_back(options.devices[index % options.devices.size()]);
    }
    if (options.fail_fast) worker.arguments.push_back("--fail-fast");
    // Several workers share the terminal, so each prints one line per finished run and no progress bars.
    worker.arguments.push_back("--quiet");
    // OpenBLAS sizes its thread pool when it loads, before the worker can set it: without this each
    // worker spins one BLAS thread per core and the workers slow each other down.
    worker.environment = {{"OPENBLAS_NUM_THREADS", std::to_string(threads)},
                          {"OMP_NUM_THREADS", std::to_string(threads)}};
    workers.push_back(std::move(worker));
  }
  return workers;
}

void print_counts(const results::TrialCounts& counts, int64_t sweep_id, const std::string& database) {
  fmt::print(stderr, "sweep {}: {} completed, {} failed, {} diverged, {} interrupted, {} pending, {} running\n",
             sweep_id, counts.completed, counts.failed, counts.diverged, counts.interrupted, counts.pending,
             counts.running);
  fmt::print(stdout,
             "sweep {} results in {}\n  runner query --db {} \"SELECT * FROM final_epochs WHERE sweep_id = {}\"\n",
             sweep_id, database, database, sweep_id);
}

int run_sweep(const TrainCommandOptions& options, const sweep::ExpandedSweep& expanded) {
  const std::string database = sweep_database(expanded, options.database);

  // Every point's config must parse before anything is written. A mistake that every image point
  // shares, such as a misspelt key in the file, is a config error up front. A mistake in only some
  // points fails those points, and the sweep trains the others.
  std::optional<ConfigError> first_error;
  size_t failing_points = 0;
  for (const auto& point : expanded.points) {
    const auto root = config::ConfigNode::parse_string(
        point.config_yaml, fmt::format("{} point {}", expanded.config_file.string(), point.point_index));
    // A text config is checked when its point runs, because checking it needs the corpus.
    if (language::is_text_config(root)) continue;
    try {
      (void)config::parse_experiment(root, data::dataset_names());
    } catch (const ConfigError& error) {
      if (!first_error) first_error = error;
      ++failing_points;
    }
  }
  if (first_error && failing_points == expanded.points.size()) throw *first_error;

  results::ResultsStore store(database);
  const int stale = results::mark_stale_runs_interrupted(store, options.stale_after);
  if (stale > 0) fmt::print(stderr, "marked {} run(s) without a recent heartbeat as interrupted\n", stale);

  const results::SweepOpenMode mode = options.new_sweep ? results::SweepOpenMode::kNew
                                      : options.force   ? results::SweepOpenMode::kForce
                                                        : results::SweepOpenMode::kResume;
  const results::SweepHandle sweep = results::open_sweep(store, definition_of(expanded), mode);
  fmt::print(stderr, "sweep {} '{}': {} points, {} already completed; {} job(s){}\n", sweep.sweep_id, expanded.name,
             expanded.points.size(), sweep.counts.completed, options.jobs,
             options.shard_count > 1 ? fmt::format(", shard {}/{}", options.shard_index + 1, options.shard_count) : "");

  bool interrupted = false;
  bool any_failed = false;
  if (options.jobs == 1) {
    WorkerOptions worker;
    worker.database = database;
    worker.sweep_id = sweep.sweep_id;
    worker.worker_name = fmt::format("{}:{}", host_name(), getpid());
    worker.shard_index = options.shard_index;
    worker.shard_count = options.shard_count;
    if (!options.devices.empty()) worker.device = options.devices.front();
    worker.fail_fast = options.fail_fast;
    worker.quiet = options.quiet;
    worker.stale_after = options.stale_after;
    const WorkerResult result = run_worker(worker);
    interrupted = result.interrupted;
    any_failed = result.failed > 0;
  } else {
    for (const auto& exit : run_workers(worker_commands(options, database, sweep.sweep_id))) {
      if (exit.exit_code == static_cast<int>(ExitCode::kInterrupted)) interrupted = true;
      if (exit.exit_code != 0) any_failed = true;
      if (exit.exit_code != 0 && exit.exit_code != 1 && exit.exit_code != static_cast<int>(ExitCode::kInterrupted)) {
        fmt::print(stderr, "error: {} exited with code {}\n", exit.name, exit.exit_code);
      }
    }
  }

  const results::TrialCounts counts = results::trial_counts(store, sweep.sweep_id);
  print_counts(counts, sweep.sweep_id, database);
  if (interrupted || train::interrupt_requested()) {
    fmt::print(stderr, "sweep {} interrupted; run the same command again to resume it\n", sweep.sweep_id);
    return static_cast<int>(ExitCode::kInterrupted);
  }
  // Pending trials of other shards do not count: only what this command ran decides its exit code.
  return any_failed ? static_cast<int>(ExitCode::kRunFailed) : 0;
}

}  // namespace

std::pair<int, int> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  size_t used_index = 0;
  size_t used_count = 0;
  int index = 0;
  int count = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    index = std::stoi(text.substr(0, slash), &used_index);
    count = std::stoi(text.substr(slash + 1), &used_count);
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("--shard '{}' is not of the form I/N, e.g. 1/4", text));
  }
  if (used_index != slash || used_count != text.size() - slash - 1 || count < 1 || index < 1 || index > count) {
    throw std::invalid_argument(fmt::format("--shard '{}' must be I/N with 1 <= I <= N, e.g. 1/4", text));
  }
  return {index - 1, count};
}

int run_train_command(const TrainCommandOptions& options) {
  train::install_interrupt_handlers();
  try {
    const sweep::ExpandedSweep expanded = sweep::expand(options.config_file, options.overrides);
    if (options.dry_run) {
      sweep::print_dry_run(stdout, expanded);
      return 0;
    }
    const bool parallel = options.jobs > 1 || options.shard_count > 1;
    if (!expanded.is_sweep && !parallel) return run_single(options, expanded);
    return run_sweep(options, expanded);
  } catch (...) {
    return static_cast<int>(report_current_error().exit_code);
  }
}

int run_worker_command(const WorkerCommandOptions& options) {
  train::install_interrupt_handlers();
  try {
    WorkerOptions worker;
    worker.database = options.database;
    worker.sweep_id = options.sweep_id;
    worker.worker_name = fmt::format("{}:{} (worker {})", host_name(), getpid(), options.worker_index + 1);
    worker.shard_index = options.shard_index;
    worker.shard_count = options.shard_count;
    if (!options.device.empty()) worker.device = options.device;
    if (options.threads > 0) worker.threads = options.threads;
    worker.fail_fast = options.fail_fast;
    worker.quiet = options.quiet;
    worker.stale_after = std::chrono::seconds(options.stale_after_seconds);
    const WorkerResult result = run_worker(worker);
    if (result.interrupted) return static_cast<int>(ExitCode::kInterrupted);
    return result.failed > 0 ? static_cast<int>(ExitCode::kRunFailed) : 0;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: sweep worker {}: {}\n", options.worker_index + 1, error.what());
    return static_cast<int>(ExitCode::kRunFailed);
  }
}

}  // namespace runner::sweeprun
