// Error types shared by every component, and the process exit codes they map to.
//
// User mistakes (a bad config, a missing or malformed data file) are exceptions with a message that
// names the value, where it came from and what to do. Internal invariants use assert.
#pragma once

#include <stdexcept>
#include <string>

namespace runner {

// Exit codes of the `runner` process. docs/errors.md lists them for users.
enum class ExitCode : int {
  kOk = 0,
  kRunFailed = 1,    // training started and then failed (the run row is marked failed)
  kUsage = 2,        // invalid command line
  kConfig = 3,       // the YAML config is invalid; nothing was written to the results database
  kData = 4,         // a data file is missing or malformed; nothing was written
  kInterrupted = 130 // SIGINT or SIGTERM
};

// Where a config value came from: file, 1-based line and column. line == 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string to_string() const;  // "config.yaml:14:5", or just the file when the line is unknown
};

// An invalid configuration: the message already contains the location and key path.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const SourceLocation& where, const std::string& key_path, const std::string& message,
              const std::string& hint = "");
  explicit ConfigError(const std::string& full_message) : std::runtime_error(full_message) {}
};

// A missing, unreadable or malformed data file (images, labels, archives, corpora).
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace runner
