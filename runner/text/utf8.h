// UTF-8 checks and the small amount of Unicode case mapping that corpus clean-up needs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace runner::text {

// The first byte that is not part of well-formed UTF-8 (a stray continuation byte, a truncated or
// overlong sequence, a surrogate, or a code point above U+10FFFF), or std::nullopt when `bytes`
// is valid.
std::optional<size_t> find_invalid_utf8(std::string_view bytes);

// Lowercases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters; every other byte is copied
// unchanged. `text` must be valid UTF-8.
std::string to_lower_utf8(std::string_view text);

// `word` with its first letter uppercased by the same tables as to_lower_utf8, for capitalizing the
// first word of a sentence.
std::string capitalize_utf8(std::string_view word);

}  // namespace runner::text
