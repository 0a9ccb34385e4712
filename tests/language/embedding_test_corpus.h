// A small slice of the real King James text for the embedding tests, made with `bible` from
// Debian's bible-kjv (scripts/setup.sh installs it), loaded through the text pipeline.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "runner/config/config_node.h"
#include "runner/language/language_task.h"
#include "runner/language/token_corpus.h"
#include "runner/random_streams.h"

namespace runner::language::testing {

// The verses `first`..`last` (e.g. "gen1:1", "gen11:9") as printed by `bible -f`, one verse per
// line starting with its reference ("Ge1:1 In the beginning ..."). Empty when `bible` failed.
inline std::string kjv_verses(const std::string& first, const std::string& last) {
  const std::string command = fmt::format("bible -f {}-{} 2>/dev/null", first, last);
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string text;
  char buffer[65536];
  size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, read);
  const int status = pclose(pipe);
  return status == 0 ? text : "";
}

// Writes the verses to a file in a fresh folder under the temporary directory and loads them as a
// TokenCorpus: references removed, lower-cased, min_count 2, the last `held_out` of the tokens
// held out. Fails the calling test when `bible` is missing.
inline std::shared_ptr<const TokenCorpus> kjv_corpus(const std::string& first, const std::string& last,
                                                     double held_out = 0.1) {
  const std::string text = kjv_verses(first, last);
  if (text.empty()) {
    ADD_FAILURE() << "`bible` printed nothing: install Debian's bible-kjv (scripts/setup.sh does)";
    return nullptr;
  }
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / fmt::format("runner_embedding_test_{}", ::getpid());
  std::filesystem::create_directories(folder);
  const std::filesystem::path file = folder / fmt::format("kjv_{}_{}.txt", first, last);
  std::ofstream(file) << text;

  const std::string data_yaml = fmt::format(
      "corpus: {}\nremove: ['^\\S+ ']\nlowercase: true\nmin_count: 2\nheld_out: {}\n", file.string(), held_out);
  const auto data = config::ConfigNode::parse_string(data_yaml, "kjv test data");
  return load_token_corpus(data).tokens;
}

// A `task:` section parsed from YAML text, as the driver hands it to a factory.
inline config::ConfigNode task_section(const std::string& yaml) {
  return config::ConfigNode::parse_string(yaml, "test task");
}

// Builds a task the way the driver does: LibTorch seeded from the run seed's init stream first.
template <typename Factory>
std::unique_ptr<LanguageTask> build_task(Factory factory, const std::string& yaml,
                                         std::shared_ptr<const TokenCorpus> corpus, uint64_t seed) {
  torch::manual_seed(derive_seed(seed, kInitStream));
  TaskInputs inputs;
  inputs.corpus = std::move(corpus);
  inputs.seed = seed;
  const config::ConfigNode section = task_section(yaml);
  section.get_string("type", std::nullopt);  // the driver reads `type`
  return factory(section, inputs);
}

// The mean loss over every held-out window: what the driver reports when eval_windows is 0.
inline double held_out_loss(LanguageTask& task) {
  torch::NoGradGuard no_grad;
  const int64_t count = task.positions(Split::kHeldOut);
  return task.loss(Split::kHeldOut, torch::arange(count, torch::kInt64)).item<double>();
}

}  // namespace runner::language::testing
