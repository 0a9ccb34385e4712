// Turning a corpus file into tokens: read, strip, clean up, lowercase, tokenize.
//
// The steps run in this order, so that the `remove` regexes match the original capitalization
// (speaker names in capitals, for example) and the tokenizer reads the cleaned text:
//   read_corpus_file -> strip_gutenberg (if data.gutenberg) -> apply_removals -> to_lower_utf8 (if
//   data.lowercase) -> tokenize.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runner/text/corpus_config.h"

namespace runner::text {

// The file's text with a UTF-8 byte order mark removed and CRLF line endings turned into LF.
// Throws DataError when the file is missing or unreadable, and for a byte that is not valid UTF-8,
// naming the file, the 1-based line and the 0-based byte offset in the file.
std::string read_corpus_file(const std::filesystem::path& file);

// Deletes every match of each rule from each line, rule after rule. The regexes run on one line at a
// time, so `^` and `$` match at line starts and ends and no match spans a line break.
std::string apply_removals(std::string_view text, const std::vector<RemovalRule>& rules);

// The cleaned text of the configured corpus, before tokenizing.
std::string load_corpus_text(const CorpusConfig& config);

// The tokens of the configured corpus in file order. Throws DataError when the file is empty, or
// has no tokens left after clean-up.
std::vector<std::string> load_corpus_tokens(const CorpusConfig& config);

}  // namespace runner::text
