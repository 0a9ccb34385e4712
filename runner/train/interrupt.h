// SIGINT/SIGTERM handling. The first signal makes the training loop stop before its next step, so the
// run is marked interrupted with its finished epochs kept. A second signal exits at once.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace runner::train {

class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted by a signal (Ctrl-C or SIGTERM)") {}
  explicit Interrupted(const std::string& reason) : std::runtime_error(reason) {}
};

void install_interrupt_handlers();
bool interrupt_requested();
// Throws Interrupted when a signal has arrived.
void throw_if_interrupted();

// The environment variable that stops a run after a given epoch, as a test aid: with
// RUNNER_STOP_AFTER_EPOCH=2 a run stops like a SIGINT once epoch 2 is recorded and checkpointed.
inline constexpr const char* kStopAfterEpochVariable = "RUNNER_STOP_AFTER_EPOCH";

// Throws Interrupted when RUNNER_STOP_AFTER_EPOCH equals `finished_epoch`, and std::invalid_argument
// when the variable is set but is not a positive integer.
void throw_if_stop_requested(int64_t finished_epoch);

}  // namespace runner::train
