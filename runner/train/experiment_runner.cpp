#include "runner/train/experiment_runner.h"

#include <fmt/format.h>

#include "runner/train/checkpoint.h"
#include "runner/train/interrupt.h"
#include "runner/train/prepared_run.h"
#include "runner/train/recorded_training.h"

namespace runner::train {

config::ConfigNode load_config_node(const RunOptions& options) {
  if (!options.config_text) return config::ConfigNode::parse_file(options.config_file);
  std::string name = options.config_source_name.empty() ? options.config_file.string() : options.config_source_name;
  if (name.empty()) name = "config text";
  return config::ConfigNode::parse_string(*options.config_text, name);
}

RunOutcome run_experiment(const RunOptions& options) {
  RunOutcome outcome;
  install_interrupt_handlers();
  try {
    PreparedRun run = prepare_run(options);
    if (!options.quiet) print_start(run);
    outcome.exit_code = train_and_record(run, options, outcome);
  } catch (const ConfigError& error) {
    fmt::print(stderr, "config error: {}\n", error.what());
    outcome.exit_code = ExitCode::kConfig;
  } catch (const DataError& error) {
    fmt::print(stderr, "data error: {}\n", error.what());
    outcome.exit_code = ExitCode::kData;
  } catch (const CheckpointError& error) {
    // Raised before a resumed run's row changes, so the run stays as it was.
    fmt::print(stderr, "error: {}\n", error.what());
    outcome.exit_code = ExitCode::kData;
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    outcome.exit_code = ExitCode::kRunFailed;
  }
  return outcome;
}

}  // namespace runner::train
