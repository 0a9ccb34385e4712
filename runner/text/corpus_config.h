// The `data:` section of a text experiment: which corpus file to read and how to clean it up.
//
//   data:
//     corpus: data/kjv.txt        # UTF-8 text file, relative to the working directory
//     gutenberg: true             # strip a Project Gutenberg header and licence footer if present
//     remove: ['\[[^\]]*\]']      # ECMAScript regexes deleted from every line, in the order given
//     lowercase: true
//     min_count: 2                # words seen fewer times in the training part become unknown_token
//     unknown_token: "<unk>"
//     held_out: 0.1               # fraction of the tokens, taken from the end, kept for held-out loss
//
// Defaults change nothing: no stripping, no removals, no lowercasing, min_count 1.
#pragma once

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "runner/config/config_node.h"
#include "runner/errors.h"

namespace runner::text {

// One `remove` entry: a regex whose matches are deleted from each line of the corpus.
struct RemovalRule {
  std::string pattern;     // as written in the config
  std::regex regex;        // compiled with std::regex::ECMAScript
  SourceLocation location;  // of the list element, for errors found while applying it
};

struct CorpusConfig {
  std::string corpus;  // path of the corpus file
  bool gutenberg = false;
  std::vector<RemovalRule> remove;
  bool lowercase = false;
  int64_t min_count = 1;
  std::string unknown_token = "<unk>";
  double held_out = 0.1;    // in [0, 1)
  SourceLocation location;  // of data.corpus, so that data errors can point back at the config
};

// Reads the keys above from `data` and records every value, defaults included, in the resolved
// config. Throws ConfigError at the key's file:line for a bad value; an invalid regex error shows the
// pattern and std::regex's message. It does not call check_unknown_keys(), because a task may read
// more keys from the same section: the caller calls it once every reader is done.
CorpusConfig parse_corpus_config(const config::ConfigNode& data);

}  // namespace runner::text
