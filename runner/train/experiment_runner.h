// `runner CONFIG`: validate the config, load the data, build the model, then train every epoch and
// record it in the results database. Sweeps, `runner resume` and `runner rerun` run through here too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::results {
class ResultsStore;
}

namespace runner::train {

// The first three fields keep their order, so `{config_file, database, quiet}` still initialises them.
struct RunOptions {
  std::filesystem::path config_file;  // read unless config_text is set; recorded in the run row either way
  std::optional<std::string> database;  // overrides results.database
  bool quiet = false;                   // no progress bar or per-epoch lines

  // YAML or JSON text used instead of reading config_file: a sweep point's config, or the resolved
  // config a stored run recorded. Errors name it config_source_name, e.g. "sweep point 3 of x.yaml".
  std::optional<std::string> config_text;
  std::string config_source_name;

  // Override the config's device and threads, e.g. a sweep worker's GPU and its share of the CPU
  // threads. The run row records what actually ran.
  std::optional<std::string> device_override;
  std::optional<int64_t> threads_override;

  // Called right after the run row is written, with the same store, so that a caller can link the run
  // to its own rows (a sweep trial, run_params) in the same database before training starts.
  std::function<void(results::ResultsStore&, int64_t run_id)> on_run_started;

  int64_t rerun_of = 0;  // the run this one re-executes (`runner rerun`); 0 = none
  // Continue this run from its checkpoint, in its own row, instead of starting a new run
  // (`runner resume`); 0 = a new run. on_run_started is not called for a resumed run.
  int64_t resume_run = 0;
};

struct RunOutcome {
  ExitCode exit_code = ExitCode::kOk;
  int64_t run_id = 0;  // 0 when no run row was written
  std::string database;
  std::string error;  // the message of the error that stopped the run, empty when it completed
};

// Parses options.config_text when given, otherwise the file options.config_file. Syntax errors are
// ConfigErrors naming the file or config_source_name.
config::ConfigNode load_config_node(const RunOptions& options);

// Runs one experiment; every error is reported on stderr and mapped to an exit code.
RunOutcome run_experiment(const RunOptions& options);

}  // namespace runner::train
