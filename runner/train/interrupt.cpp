#include "runner/train/interrupt.h"

#include <csignal>
#include <cstdlib>

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

}  // namespace runner::train
