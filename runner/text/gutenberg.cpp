#include "runner/text/gutenberg.h"

#include <cctype>

namespace runner::text {

namespace {

std::string upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// True for a line such as "*** START OF THE PROJECT GUTENBERG EBOOK ROMEO AND JULIET ***", where
// `marker` is "START" or "END". Older ebooks write THIS for THE; case and spacing vary.
bool is_marker_line(std::string_view line, std::string_view marker) {
  size_t position = line.find_first_not_of(" \t");
  if (position == std::string_view::npos || line.compare(position, 3, "***") != 0) return false;
  position = line.find_first_not_of("* \t", position);
  if (position == std::string_view::npos) return false;

  const std::string rest = upper_ascii(line.substr(position));
  const std::string prefix = std::string(marker) + " OF TH";
  if (rest.compare(0, prefix.size(), prefix) != 0) return false;
  return rest.find("PROJECT GUTENBERG") != std::string::npos;
}

}  // namespace

std::string strip_gutenberg(std::string_view text) {
  size_t body_begin = 0;
  size_t body_end = text.size();
  bool started = false;

  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    const size_t next_line = line_end == std::string_view::npos ? text.size() : line_end + 1;
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_begin, line_end - line_begin);

    if (!started && is_marker_line(line, "START")) {
      body_begin = next_line;
      started = true;
    } else if (is_marker_line(line, "END")) {
      body_end = line_begin;
      break;
    }
    line_begin = next_line;
  }
  return std::string(text.substr(body_begin, body_end - body_begin));
}

}  // namespace runner::text
