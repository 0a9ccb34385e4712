#include "runner/text/corpus.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "runner/errors.h"
#include "runner/text/gutenberg.h"
#include "runner/text/tokenizer.h"
#include "runner/text/utf8.h"

namespace runner::text {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string read_bytes(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    throw DataError(fmt::format("corpus file {} not found; check data.corpus (paths are relative to the working "
                                "directory)",
                                file.string()));
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw DataError(fmt::format("cannot open corpus file {}; check its permissions", file.string()));
  std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (stream.bad()) throw DataError(fmt::format("failed to read corpus file {}", file.string()));
  return bytes;
}

[[noreturn]] void throw_invalid_utf8(const std::filesystem::path& file, const std::string& bytes, size_t offset) {
  const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  size_t column = offset + 1;
  if (offset > 0) {
    const size_t previous_newline = bytes.rfind('\n', offset - 1);
    if (previous_newline != std::string::npos) column = offset - previous_newline;
  }
  throw DataError(fmt::format("{}:{}: invalid UTF-8 byte 0x{:02X} at byte offset {} (line {}, column {}); convert "
                              "the file to UTF-8, for example with iconv -f ISO-8859-1 -t UTF-8",
                              file.string(), line, static_cast<unsigned char>(bytes[offset]), offset, line, column));
}

std::string without_carriage_returns_before_newlines(const std::string& text) {
  std::string converted;
  converted.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    converted += text[i];
  }
  return converted;
}

std::string remove_matches(std::string line, const RemovalRule& rule, int64_t line_number) {
  try {
    return std::regex_replace(line, rule.regex, "");
  } catch (const std::regex_error& error) {
    // libstdc++ can run out of stack or step budget on a pathological pattern and a long line.
    throw ConfigError(rule.location, "data.remove",
                      fmt::format("regex '{}' failed on corpus line {}: {}", rule.pattern, line_number, error.what()),
                      "simplify the pattern, for example replace .* by a negated character class");
  }
}

}  // namespace

std::string read_corpus_file(const std::filesystem::path& file) {
  const std::string bytes = read_bytes(file);
  if (const auto invalid = find_invalid_utf8(bytes)) throw_invalid_utf8(file, bytes, *invalid);

  const size_t skip = bytes.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0 ? kByteOrderMark.size() : 0;
  return without_carriage_returns_before_newlines(bytes.substr(skip));
}

std::string apply_removals(std::string_view text, const std::vector<RemovalRule>& rules) {
  if (rules.empty()) return std::string(text);
  std::string cleaned;
  cleaned.reserve(text.size());

  int64_t line_number = 1;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    const bool has_newline = line_end != std::string_view::npos;
    if (!has_newline) line_end = text.size();

    std::string line(text.substr(line_begin, line_end - line_begin));
    for (const RemovalRule& rule : rules) {
      if (line.empty()) break;
      line = remove_matches(std::move(line), rule, line_number);
    }
    cleaned += line;
    if (has_newline) cleaned += '\n';

    line_begin = line_end + 1;
    ++line_number;
  }
  return cleaned;
}

std::string load_corpus_text(const CorpusConfig& config) {
  std::string text = read_corpus_file(config.corpus);
  if (text.find_first_not_of(" \t\r\n\v\f") == std::string::npos) {
    throw DataError(fmt::format("corpus file {} is empty; data.corpus must name a text with words in it",
                                config.corpus));
  }

  if (config.gutenberg) text = strip_gutenberg(text);
  text = apply_removals(text, config.remove);
  if (config.lowercase) text = to_lower_utf8(text);
  return text;
}

std::vector<std::string> load_corpus_tokens(const CorpusConfig& config) {
  const std::string text = load_corpus_text(config);
  std::vector<std::string> tokens;
  tokens.reserve(text.size() / 4);
  tokenize_into(text, tokens);
  if (tokens.empty()) {
    throw DataError(fmt::format("corpus file {} has no words left after clean-up (data.gutenberg: {}, {} "
                                "data.remove patterns); check that the patterns do not delete every line",
                                config.corpus, config.gutenberg, config.remove.size()));
  }
  return tokens;
}

}  // namespace runner::text
