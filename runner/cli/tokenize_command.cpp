#include "runner/cli/tokenize_command.h"

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "runner/config/config_node.h"
#include "runner/error_report.h"
#include "runner/errors.h"
#include "runner/text/corpus.h"
#include "runner/text/corpus_config.h"

namespace runner::cli {

namespace {

bool is_config_file(const std::filesystem::path& input) {
  const std::string extension = input.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

// The corpus settings of a config's data section. Unknown keys are not rejected here, because a
// language config's data section has keys of the task's as well.
text::CorpusConfig corpus_of_config(const std::filesystem::path& config_file) {
  const config::ConfigNode root = config::ConfigNode::parse_file(config_file);
  return text::parse_corpus_config(root.child("data"));
}

void print_tokens(const std::vector<std::string>& tokens) {
  std::string chunk;
  for (const std::string& token : tokens) {
    chunk += token;
    chunk += '\n';
    if (chunk.size() >= (1 << 16)) {
      std::fwrite(chunk.data(), 1, chunk.size(), stdout);
      chunk.clear();
    }
  }
  std::fwrite(chunk.data(), 1, chunk.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

int tokenize_file(const std::filesystem::path& input) {
  try {
    text::CorpusConfig corpus;
    if (is_config_file(input)) {
      corpus = corpus_of_config(input);
    } else {
      corpus.corpus = input.string();  // the defaults: no stripping, no removals, no lowercasing
    }
    print_tokens(text::load_corpus_tokens(corpus));
    return static_cast<int>(ExitCode::kOk);
  } catch (...) {
    return static_cast<int>(report_current_error().exit_code);
  }
}

}  // namespace runner::cli
