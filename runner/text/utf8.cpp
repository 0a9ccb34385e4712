#include "runner/text/utf8.h"

#include <cstdint>

namespace runner::text {

namespace {

// The length of the UTF-8 sequence that starts with `lead`, or 0 for a byte that cannot start one.
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // a continuation byte, an overlong two-byte lead (C0, C1) or a lead beyond U+10FFFF
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The second byte's range rules out overlong forms (after E0 and F0), UTF-16 surrogates (after ED)
// and code points above U+10FFFF (after F4).
bool second_byte_allowed(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0:
      return second >= 0xA0;
    case 0xED:
      return second <= 0x9F;
    case 0xF0:
      return second >= 0x90;
    case 0xF4:
      return second <= 0x8F;
    default:
      return true;
  }
}

// Decodes the well-formed sequence at `text[position]` and advances `position` past it.
char32_t decode(std::string_view text, size_t& position) {
  const auto lead = static_cast<unsigned char>(text[position]);
  const size_t length = sequence_length(lead);
  if (length <= 1) {
    ++position;
    return lead;
  }
  char32_t code_point = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[position + i]) & 0x3F);
  }
  position += length;
  return code_point;
}

void append_utf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool in(char32_t c, char32_t low, char32_t high) { return c >= low && c <= high; }

// Latin Extended-A pairs an uppercase letter with the lowercase one after it; the pairs start on an
// even code point except in U+0139..U+0148 and U+0179..U+017E.
bool latin_a_upper(char32_t c) {
  if (in(c, 0x0100, 0x012F) || in(c, 0x0132, 0x0137) || in(c, 0x014A, 0x0177)) return c % 2 == 0;
  if (in(c, 0x0139, 0x0148) || in(c, 0x0179, 0x017E)) return c % 2 == 1;
  return false;
}

bool latin_a_lower(char32_t c) { return latin_a_upper(c - 1); }

char32_t to_lower(char32_t c) {
  if (in(c, 'A', 'Z')) return c + 32;
  if (in(c, 0x00C0, 0x00DE) && c != 0x00D7) return c + 32;
  if (latin_a_upper(c)) return c + 1;
  if (c == 0x0178) return 0x00FF;                     // Y with diaeresis
  if (in(c, 0x0391, 0x03A9) && c != 0x03A2) return c + 32;  // Greek
  if (in(c, 0x0410, 0x042F)) return c + 32;           // Cyrillic
  if (in(c, 0x0400, 0x040F)) return c + 80;
  return c;
}

char32_t to_upper(char32_t c) {
  if (in(c, 'a', 'z')) return c - 32;
  if (in(c, 0x00E0, 0x00FE) && c != 0x00F7) return c - 32;
  if (c == 0x00FF) return 0x0178;
  if (latin_a_lower(c)) return c - 1;
  if (c == 0x03C2) return 0x03A3;  // final sigma
  if (in(c, 0x03B1, 0x03C9)) return c - 32;
  if (in(c, 0x0430, 0x044F)) return c - 32;
  if (in(c, 0x0450, 0x045F)) return c - 80;
  return c;
}

}  // namespace

std::optional<size_t> find_invalid_utf8(std::string_view bytes) {
  size_t position = 0;
  while (position < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[position]);
    const size_t length = sequence_length(lead);
    if (length == 0) return position;
    if (length == 1) {
      ++position;
      continue;
    }

    // A truncated sequence is reported at its first byte.
    for (size_t i = 1; i < length; ++i) {
      if (position + i >= bytes.size() || !is_continuation(static_cast<unsigned char>(bytes[position + i]))) {
        return position;
      }
    }

    if (!second_byte_allowed(lead, static_cast<unsigned char>(bytes[position + 1]))) return position;
    position += length;
  }
  return std::nullopt;
}

std::string to_lower_utf8(std::string_view text) {
  std::string lowered;
  lowered.reserve(text.size());
  size_t position = 0;
  while (position < text.size()) {
    const auto byte = static_cast<unsigned char>(text[position]);
    if (byte < 0x80) {
      lowered += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte);
      ++position;
      continue;
    }
    append_utf8(to_lower(decode(text, position)), lowered);
  }
  return lowered;
}

std::string capitalize_utf8(std::string_view word) {
  if (word.empty()) return std::string();
  size_t position = 0;
  std::string capitalized;
  append_utf8(to_upper(decode(word, position)), capitalized);
  capitalized.append(word.substr(position));
  return capitalized;
}

}  // namespace runner::text
