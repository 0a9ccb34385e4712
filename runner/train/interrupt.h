// SIGINT/SIGTERM handling. The first signal makes the training loop stop before its next step, so the
// run is marked interrupted with its finished epochs kept. A second signal exits at once.
#pragma once

#include <stdexcept>

namespace runner::train {

class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted by a signal (Ctrl-C or SIGTERM)") {}
};

void install_interrupt_handlers();
bool interrupt_requested();
// Throws Interrupted when a signal has arrived.
void throw_if_interrupted();

}  // namespace runner::train
