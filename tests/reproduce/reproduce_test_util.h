// Small real experiments for the reproducibility tests: a slice of Fashion-MNIST, a tiny model with
// dropout, and helpers that read a run's metrics and weights back.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../engine/engine_test_util.h"
#include "runner/train/experiment_runner.h"

namespace runner::testing {

// 600 training and 200 test images, a 32-unit MLP with dropout, one thread: well under a second per
// epoch. `optimizer`, `extra` (top-level keys) and `training` (more keys of the training section, such
// as ", eval_every: 2") are YAML spliced in as they are.
inline std::string tiny_config(const std::string& optimizer, int64_t epochs, const std::string& extra = "",
                               const std::string& training = "") {
  return fmt::format(R"(name: tiny
seed: 11
device: cpu
threads: 1
data:
  dataset: fashion_mnist
  path: {}
  train_samples: 600
  test_samples: 200
  batch_size: 32
model:
  layers:
    - flatten
    - {{type: linear, out_features: 32}}
    - relu
    - {{type: dropout, p: 0.3}}
    - {{type: linear, out_features: 10}}
optimizer: {}
training: {{epochs: {}{}}}
{}
)",
                     kFashionMnistPath, optimizer, epochs, training, extra);
}

inline const std::string kAugmentation = "augmentation: {hflip: 0.5, crop_padding: 2}";

// Sets an environment variable for the lifetime of the object.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnvironment() { ::unsetenv(name_); }

 private:
  const char* name_;
};

inline train::RunOutcome run_config_text(const std::filesystem::path& database, const std::string& text) {
  train::RunOptions options;
  options.config_text = text;
  options.config_source_name = "test config";
  options.database = database.string();
  options.quiet = true;
  return train::run_experiment(options);
}

// Every non-timing metric of a run as "epoch name value" lines, with values printed exactly.
inline std::vector<std::string> reproducible_metrics(const std::filesystem::path& database, int64_t run_id) {
  std::vector<std::string> lines;
  const auto rows = query_rows(database, fmt::format("SELECT epoch, name, CASE typeof(value) WHEN 'real' THEN "
                                                     "printf('%!.17g', value) ELSE value END FROM metrics "
                                                     "WHERE run_id = {} AND name NOT LIKE '%second%' "
                                                     "ORDER BY epoch, name",
                                                     run_id));
  for (const auto& row : rows) lines.push_back(row[0] + " " + row[1] + " " + row[2]);
  return lines;
}

}  // namespace runner::testing
