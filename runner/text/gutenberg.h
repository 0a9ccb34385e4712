// Project Gutenberg ebooks wrap the work in a header and a licence footer that are not part of it.
#pragma once

#include <string>
#include <string_view>

namespace runner::text {

// Returns the text between the `*** START OF THE PROJECT GUTENBERG EBOOK ... ***` line (or the
// older `*** START OF THIS PROJECT GUTENBERG EBOOK`) and the matching `*** END OF ...` line, both
// excluded. Without a START line the text is kept from its beginning; without an END line, to its end.
// `text` must already have LF line endings (read_corpus_file converts CRLF).
std::string strip_gutenberg(std::string_view text);

}  // namespace runner::text
