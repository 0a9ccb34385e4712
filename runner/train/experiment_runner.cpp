#include "runner/train/experiment_runner.h"

#include <fmt/format.h>

#include "runner/error_report.h"
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
  } catch (...) {
    const ReportedError reported = report_current_error();
    outcome.exit_code = reported.exit_code;
    outcome.error = reported.message;
  }
  return outcome;
}

}  // namespace runner::train
