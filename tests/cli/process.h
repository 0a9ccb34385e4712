// Starts the real `runner` binary as a child process, for tests of exit codes, messages and signals.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace runner::testing {

struct ChildProcess {
  pid_t pid = -1;
  std::filesystem::path output;  // stdout and stderr together

  // Waits for the process and returns its exit code (128 + signal when killed by a signal).
  int wait() const {
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
  }

  std::string read_output() const {
    std::ifstream stream(output);
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
  }
};

inline ChildProcess start_runner(const std::vector<std::string>& arguments, const std::filesystem::path& output) {
  std::vector<std::string> argv_strings = {RUNNER_BINARY};
  argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_strings) argv.push_back(argument.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);

  ChildProcess child;
  child.output = output;
  posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return child;
}

// Runs the binary to completion; returns the exit code and fills `output_text`.
inline int run_runner(const std::vector<std::string>& arguments, const std::filesystem::path& output,
                      std::string& output_text) {
  const ChildProcess child = start_runner(arguments, output);
  const int code = child.wait();
  output_text = child.read_output();
  return code;
}

}  // namespace runner::testing
