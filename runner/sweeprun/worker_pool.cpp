#include "runner/sweeprun/worker_pool.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "runner/train/interrupt.h"

extern char** environ;

namespace runner::sweeprun {

namespace {

// The parent's environment with `changes` applied, as "NAME=value" strings.
std::vector<std::string> merged_environment(const std::vector<std::pair<std::string, std::string>>& changes) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : changes) variables[name] = value;

  std::vector<std::string> result;
  for (const auto& [name, value] : variables) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

pid_t start_worker(const std::string& program, const WorkerCommand& worker) {
  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), worker.arguments.begin(), worker.arguments.end());
  std::vector<std::string> env_strings = merged_environment(worker.environment);
  std::vector<char*> argv = pointers_to(argv_strings);
  std::vector<char*> envp = pointers_to(env_strings);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  // The parent handles SIGINT and SIGTERM itself; the worker starts with the default actions and
  // installs its own handlers.
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGINT);
  sigaddset(&default_signals, SIGTERM);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);

  pid_t pid = 0;
  const int error = posix_spawn(&pid, program.c_str(), nullptr, &attributes, argv.data(), envp.data());
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    throw std::runtime_error(fmt::format("could not start {} ({}): {}", worker.name, program, std::strerror(error)));
  }
  return pid;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::string current_executable() {
  std::error_code error;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("could not find the runner executable through /proc/self/exe: " + error.message());
  return path.string();
}

std::vector<WorkerExit> run_workers(const std::vector<WorkerCommand>& workers) {
  const std::string program = current_executable();
  std::vector<pid_t> pids;
  std::vector<WorkerExit> exits;
  for (const auto& worker : workers) {
    try {
      pids.push_back(start_worker(program, worker));
    } catch (...) {
      for (const pid_t pid : pids) kill(pid, SIGTERM);
      for (const pid_t pid : pids) waitpid(pid, nullptr, 0);
      throw;
    }
    exits.push_back({worker.name, -1});
  }

  // Poll rather than block in waitpid, so that a signal to this process is noticed and forwarded.
  bool forwarded = false;
  size_t running = pids.size();
  while (running > 0) {
    if (!forwarded && train::interrupt_requested()) {
      for (size_t i = 0; i < pids.size(); ++i) {
        if (exits[i].exit_code < 0) kill(pids[i], SIGTERM);
      }
      forwarded = true;
    }
    for (size_t i = 0; i < pids.size(); ++i) {
      if (exits[i].exit_code >= 0) continue;
      int status = 0;
      const pid_t done = waitpid(pids[i], &status, WNOHANG);
      if (done == pids[i]) {
        exits[i].exit_code = exit_code_of(status);
        --running;
      }
    }
    if (running > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return exits;
}

}  // namespace runner::sweeprun
