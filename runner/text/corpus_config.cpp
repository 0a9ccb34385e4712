#include "runner/text/corpus_config.h"

#include <fmt/format.h>

namespace runner::text {

namespace {

bool contains_whitespace(const std::string& text) { return text.find_first_of(" \t\r\n\v\f") != std::string::npos; }

RemovalRule compile_removal(const config::ConfigNode& element) {
  if (!element.is_scalar()) {
    element.fail("", "must be a regex string", "quote each pattern: remove: ['\\[[^\\]]*\\]']");
  }
  RemovalRule rule;
  rule.pattern = element.scalar();
  rule.location = element.location();
  if (rule.pattern.empty()) element.fail("", "an empty regex deletes nothing", "remove the entry");

  try {
    rule.regex = std::regex(rule.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    element.fail("", fmt::format("invalid regex '{}': {}", rule.pattern, error.what()),
                 "patterns use ECMAScript syntax; in single-quoted YAML a backslash is written once, in "
                 "double-quoted YAML twice");
  }
  return rule;
}

std::vector<RemovalRule> parse_removals(const config::ConfigNode& data) {
  std::vector<RemovalRule> rules;
  if (!data.has("remove")) {
    data.record("remove", nlohmann::json::array());
    return rules;
  }
  if (const auto single = data.scalar_at("remove")) {
    data.fail("remove", fmt::format("must be a list of regexes, got the single string '{}'", *single),
              fmt::format("write remove: ['{}']", *single));
  }

  nlohmann::json patterns = nlohmann::json::array();
  for (const config::ConfigNode& element : data.sequence("remove")) {
    rules.push_back(compile_removal(element));
    patterns.push_back(rules.back().pattern);
  }
  data.record("remove", patterns);
  return rules;
}

}  // namespace

CorpusConfig parse_corpus_config(const config::ConfigNode& data) {
  CorpusConfig corpus;
  corpus.location = data.location();
  corpus.corpus = data.get_string("corpus", std::nullopt);
  if (corpus.corpus.empty()) data.fail("corpus", "must name a text file", "for example corpus: data/kjv.txt");

  corpus.gutenberg = data.get_bool("gutenberg", false);
  corpus.remove = parse_removals(data);
  corpus.lowercase = data.get_bool("lowercase", false);
  corpus.min_count = data.get_int("min_count", 1, config::Range::at_least(1));

  corpus.unknown_token = data.get_string("unknown_token", "<unk>");
  if (corpus.unknown_token.empty() || contains_whitespace(corpus.unknown_token)) {
    data.fail("unknown_token", fmt::format("must be one word without whitespace, got '{}'", corpus.unknown_token),
              "the default is <unk>");
  }

  corpus.held_out = data.get_double("held_out", 0.1, config::Range{0.0, 1.0, false, true});
  return corpus;
}

}  // namespace runner::text
