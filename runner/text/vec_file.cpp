#include "runner/text/vec_file.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "runner/errors.h"

namespace runner::text {

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t position = 0;
  while (position < line.size()) {
    position = line.find_first_not_of(" \t", position);
    if (position == std::string_view::npos) break;
    size_t end = line.find_first_of(" \t", position);
    if (end == std::string_view::npos) end = line.size();
    fields.push_back(line.substr(position, end - position));
    position = end;
  }
  return fields;
}

std::optional<int64_t> parse_non_negative_integer(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// A finite float, or std::nullopt. std::from_chars ignores the locale and rejects a leading '+',
// which some writers emit, so that is skipped first.
std::optional<float> parse_value(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  float value = 0.0f;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

struct Header {
  int64_t count = 0;
  int64_t dim = 0;
};

// The header on line 1, when the line is two non-negative integers.
std::optional<Header> parse_header(const std::vector<std::string_view>& fields) {
  if (fields.size() != 2) return std::nullopt;
  const auto count = parse_non_negative_integer(fields[0]);
  const auto dim = parse_non_negative_integer(fields[1]);
  if (!count || !dim) return std::nullopt;
  return Header{*count, *dim};
}

// Reads the vector lines of one file and checks each against the dimension.
class VecReader {
 public:
  explicit VecReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(int64_t line, const std::string& message) const {
    throw DataError(fmt::format("{}:{}: {}", file_.string(), line, message));
  }

  void set_dimension(int64_t dim, std::string origin) {
    vectors_.dim = static_cast<int>(dim);
    dimension_origin_ = std::move(origin);
  }

  void add_vector(int64_t line, const std::vector<std::string_view>& fields) {
    const std::string word(fields[0]);
    const auto values = static_cast<int64_t>(fields.size()) - 1;
    if (values != vectors_.dim) {
      fail(line, fmt::format("word '{}' has {} values, expected {} ({})", word, values, vectors_.dim,
                             dimension_origin_));
    }
    const auto [it, inserted] = first_line_.emplace(word, line);
    if (!inserted) fail(line, fmt::format("word '{}' appears again; it was first given on line {}", word, it->second));

    for (size_t j = 1; j < fields.size(); ++j) {
      const auto value = parse_value(fields[j]);
      if (!value) {
        fail(line, fmt::format("value {} of word '{}' is '{}', which is not a finite number", j, word, fields[j]));
      }
      vectors_.values.push_back(*value);
    }
    vectors_.words.push_back(word);
  }

  WordVectors take() { return std::move(vectors_); }

 private:
  std::filesystem::path file_;
  WordVectors vectors_;
  std::string dimension_origin_;
  std::unordered_map<std::string, int64_t> first_line_;
};

}  // namespace

WordVectors read_vec_file(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw DataError(fmt::format("word vector file {} not found or not readable", file.string()));

  VecReader reader(file);
  std::optional<Header> header;
  std::string line;
  int64_t line_number = 0;
  int64_t blank_line = 0;  // the first blank line so far; only blank lines may follow it
  while (std::getline(stream, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string_view> fields = split_fields(line);
    if (fields.empty()) {
      if (blank_line == 0) blank_line = line_number;
      continue;
    }
    if (blank_line != 0) reader.fail(blank_line, "blank line before the last vector; remove it");

    if (line_number == 1) {
      header = parse_header(fields);
      if (header) {
        if (header->dim < 1) reader.fail(1, "the header gives dimension 0; it must be at least 1");
        if (header->dim > std::numeric_limits<int>::max()) reader.fail(1, "the header's dimension is too large");
        reader.set_dimension(header->dim, "the header on line 1");
        continue;
      }
      if (fields.size() < 2) reader.fail(1, fmt::format("word '{}' has no values", fields[0]));
      reader.set_dimension(static_cast<int64_t>(fields.size()) - 1, "the first line, as the file has no header");
    }
    reader.add_vector(line_number, fields);
  }
  if (line_number == 0) throw DataError(fmt::format("word vector file {} is empty", file.string()));

  WordVectors vectors = reader.take();
  if (header && header->count != static_cast<int64_t>(vectors.words.size())) {
    reader.fail(1, fmt::format("the header gives {} words, but the file has {}", header->count, vectors.words.size()));
  }
  if (vectors.words.empty()) throw DataError(fmt::format("word vector file {} has no vectors", file.string()));
  return vectors;
}

void write_vec_file(const std::filesystem::path& file, const WordVectors& vectors) {
  if (vectors.dim < 1 || vectors.values.size() != vectors.words.size() * static_cast<size_t>(vectors.dim)) {
    throw std::invalid_argument(fmt::format("{} values do not fill {} words of dimension {}", vectors.values.size(),
                                            vectors.words.size(), vectors.dim));
  }
  for (const std::string& word : vectors.words) {
    if (word.empty() || word.find_first_of(" \t\r\n\v\f") != std::string::npos) {
      throw std::invalid_argument(fmt::format("word '{}' cannot be written to a .vec file: it is empty or contains "
                                              "whitespace",
                                              word));
    }
  }

  const auto dim = static_cast<size_t>(vectors.dim);
  for (size_t i = 0; i < vectors.values.size(); ++i) {
    if (!std::isfinite(vectors.values[i])) {
      throw std::invalid_argument(fmt::format("value {} of word '{}' is {}; a .vec file must contain finite numbers only",
                                              i % dim + 1, vectors.words[i / dim], vectors.values[i]));
    }
  }

  std::ofstream stream(file, std::ios::binary);
  if (!stream) throw DataError(fmt::format("cannot create word vector file {}", file.string()));
  stream << vectors.words.size() << ' ' << vectors.dim << '\n';

  // Shortest round-trip form: at most max_digits10 (9) significant digits plus sign and exponent.
  char buffer[32];
  for (size_t row = 0; row < vectors.words.size(); ++row) {
    stream << vectors.words[row];
    for (size_t j = 0; j < dim; ++j) {
      const auto result = std::to_chars(buffer, buffer + sizeof(buffer), vectors.values[row * dim + j]);
      stream << ' ' << std::string_view(buffer, static_cast<size_t>(result.ptr - buffer));
    }
    stream << '\n';
  }
  stream.close();
  if (!stream) throw DataError(fmt::format("failed to write word vector file {}", file.string()));
}

}  // namespace runner::text
