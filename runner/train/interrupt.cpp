#include "runner/train/interrupt.h"

#include <csignal>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace runner::train {

namespace {

volatile std::sig_atomic_t g_signal_count = 0;

void on_signal(int signal_number) {
  g_signal_count = g_signal_count + 1;
  // A second signal means the user does not want to wait for the current step to finish.
  if (g_signal_count > 1) std::_Exit(128 + signal_number);
}

}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool interrupt_requested() { return g_signal_count > 0; }

void throw_if_interrupted() {
  if (interrupt_requested()) throw Interrupted();
}

void throw_if_stop_requested(int64_t finished_epoch) {
  const char* value = std::getenv(kStopAfterEpochVariable);
  if (value == nullptr || *value == '\0') return;

  char* end = nullptr;
  const long long stop_epoch = std::strtoll(value, &end, 10);
  if (*end != '\0' || stop_epoch < 1) {
    throw std::invalid_argument(fmt::format("{} must be a positive epoch number, got '{}'; unset it or fix it",
                                            kStopAfterEpochVariable, value));
  }
  if (stop_epoch == finished_epoch) {
    throw Interrupted(fmt::format("stopped after epoch {} because {}={} is set", finished_epoch,
                                  kStopAfterEpochVariable, value));
  }
}

}  // namespace runner::train
