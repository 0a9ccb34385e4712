#include "runner/sweeprun/run_dispatch.h"

#include "runner/language/text_experiment.h"

namespace runner::sweeprun {

train::RunOutcome run_point(const train::RunOptions& options) {
  bool text = false;
  try {
    text = language::is_text_config(train::load_config_node(options));
  } catch (const std::exception&) {
    // A config that does not parse is reported by the image path, with the same messages and exit code.
  }
  return text ? language::run_text_experiment(options) : train::run_experiment(options);
}

}  // namespace runner::sweeprun
