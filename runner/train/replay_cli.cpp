#include "runner/train/replay_cli.h"

#include <CLI/CLI.hpp>

#include "runner/train/resume_command.h"

namespace runner::train {

namespace {

void add_shared_options(CLI::App& command, ReplayRequest& request) {
  command.add_option("run_id", request.run_id, "The run's id (runs.id)")
      ->required()
      ->check(CLI::PositiveNumber.description("a run id >= 1"));
  command.add_option("--db", request.database, "Results database file that holds the run (default results/runs.db)");
  command.add_option("--device", request.device, "Train on this device instead of the run's (cpu, cuda, cuda:N)");
  command.add_option("--threads", request.threads, "Use this many CPU threads instead of the run's thread count")
      ->check(CLI::PositiveNumber.description("an integer >= 1"));
  command.add_flag("-q,--quiet", request.quiet, "Print no progress and no per-epoch lines");
}

ReplayOptions replay_options(const ReplayRequest& request) {
  ReplayOptions replay;
  replay.database = request.database;
  if (!request.device.empty()) replay.device = request.device;
  if (request.threads > 0) replay.threads = request.threads;
  replay.quiet = request.quiet;
  return replay;
}

}  // namespace

CLI::App* add_resume_command(CLI::App& app, ReplayRequest& request) {
  auto* command = app.add_subcommand("resume", "Continue an interrupted run from its last epoch's checkpoint, in "
                                               "the same run id, with the config the run recorded");
  add_shared_options(*command, request);
  return command;
}

CLI::App* add_rerun_command(CLI::App& app, ReplayRequest& request) {
  auto* command = app.add_subcommand("rerun", "Train a stored run's recorded config again as a new run and compare "
                                              "the two runs' metrics epoch by epoch");
  add_shared_options(*command, request);
  command
      ->add_option("--tolerance", request.tolerance,
                   "Largest relative difference per metric still reported as reproduced (default 1e-6)")
      ->check(CLI::NonNegativeNumber.description("a number >= 0"));
  return command;
}

int run_resume_command(const ReplayRequest& request) {
  return static_cast<int>(resume_run(request.run_id, replay_options(request)));
}

int run_rerun_command(const ReplayRequest& request) {
  return static_cast<int>(rerun_run(request.run_id, replay_options(request), request.tolerance));
}

}  // namespace runner::train
