#include "results/query_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

namespace runner::results {

namespace {

std::string format_real(double value) {
  // A REAL can be infinite (1e999 in SQL) but never NaN, which SQLite stores as NULL.
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";

  // fmt writes the shortest text that reads back as the same double.
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string format_blob(const std::string& bytes) {
  std::string text = "X'";
  for (const unsigned char byte : bytes) text += fmt::format("{:02X}", byte);
  return text + "'";
}

// Returns the text of a cell as the table and CSV formats write it, with `null_text` for NULL.
std::string cell_text(const QueryCell& cell, const std::string& null_text) {
  switch (cell.kind) {
    case QueryCell::Kind::kNull:
      return null_text;
    case QueryCell::Kind::kInteger:
      return std::to_string(cell.integer);
    case QueryCell::Kind::kReal:
      return format_real(cell.real);
    case QueryCell::Kind::kText:
      return cell.text;
    case QueryCell::Kind::kBlob:
      return format_blob(cell.text);
  }
  return null_text;
}

// Counts code points, not bytes, so that names with accents keep the columns aligned.
size_t display_width(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string escape_line_breaks(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\n') {
      escaped += "\\n";
    } else if (c == '\r') {
      escaped += "\\r";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string pad(const std::string& text, size_t width, bool align_right) {
  const std::string padding(width - display_width(text), ' ');
  return align_right ? padding + text : text + padding;
}

std::string format_table(const QueryResult& result) {
  // Every cell as text first, because each column is as wide as its widest value.
  std::vector<size_t> widths;
  for (const std::string& column : result.columns) widths.push_back(display_width(column));
  std::vector<std::vector<std::string>> texts;
  for (const auto& row : result.rows) {
    std::vector<std::string> line;
    for (size_t column = 0; column < row.size(); ++column) {
      line.push_back(escape_line_breaks(cell_text(row[column], "NULL")));
      widths[column] = std::max(widths[column], display_width(line.back()));
    }
    texts.push_back(std::move(line));
  }

  std::string output;
  const auto append_line = [&](const std::vector<std::string>& cells, const std::vector<bool>& align_right) {
    std::string line;
    for (size_t column = 0; column < cells.size(); ++column) {
      if (column > 0) line += "  ";
      line += pad(cells[column], widths[column], align_right[column]);
    }
    // Trailing spaces of a left-aligned last column carry no information.
    line.erase(line.find_last_not_of(' ') + 1);
    output += line + "\n";
  };

  append_line(result.columns, std::vector<bool>(result.columns.size(), false));
  std::vector<std::string> rule;
  for (const size_t width : widths) rule.emplace_back(width, '-');
  append_line(rule, std::vector<bool>(rule.size(), false));
  for (size_t row = 0; row < texts.size(); ++row) {
    std::vector<bool> align_right;
    for (const QueryCell& cell : result.rows[row]) {
      align_right.push_back(cell.kind == QueryCell::Kind::kInteger || cell.kind == QueryCell::Kind::kReal);
    }
    append_line(texts[row], align_right);
  }
  output += fmt::format("({} {})\n", result.rows.size(), result.rows.size() == 1 ? "row" : "rows");
  return output;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;

  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string format_csv(const QueryResult& result) {
  std::string output;
  const auto append_record = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) output += ',';
      output += csv_field(fields[i]);
    }
    output += "\r\n";
  };

  append_record(result.columns);
  for (const auto& row : result.rows) {
    std::vector<std::string> fields;
    for (const QueryCell& cell : row) fields.push_back(cell_text(cell, ""));
    append_record(fields);
  }
  return output;
}

std::string json_string(const std::string& text) {
  // Replace invalid UTF-8 instead of failing, because a text column may hold any bytes.
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_value(const QueryCell& cell) {
  switch (cell.kind) {
    case QueryCell::Kind::kNull:
      return "null";
    case QueryCell::Kind::kInteger:
      return std::to_string(cell.integer);
    case QueryCell::Kind::kReal:
      // JSON has no infinity, so an infinite REAL becomes the string that metrics use for it.
      return std::isinf(cell.real) ? json_string(format_real(cell.real)) : format_real(cell.real);
    case QueryCell::Kind::kText:
      return json_string(cell.text);
    case QueryCell::Kind::kBlob:
      return json_string(format_blob(cell.text));
  }
  return "null";
}

std::string format_json(const QueryResult& result) {
  // Written by hand rather than through nlohmann::json objects, which would merge two columns of
  // the same name and reorder the keys.
  if (result.rows.empty()) return "[]\n";

  std::string output = "[\n";
  for (size_t row = 0; row < result.rows.size(); ++row) {
    output += "  {";
    for (size_t column = 0; column < result.columns.size(); ++column) {
      if (column > 0) output += ", ";
      output += json_string(result.columns[column]) + ": " + json_value(result.rows[row][column]);
    }
    output += row + 1 < result.rows.size() ? "},\n" : "}\n";
  }
  return output + "]\n";
}

}  // namespace

std::optional<QueryFormat> parse_query_format(const std::string& name) {
  if (name == "table") return QueryFormat::kTable;
  if (name == "csv") return QueryFormat::kCsv;
  if (name == "json") return QueryFormat::kJson;
  return std::nullopt;
}

std::string format_query_result(const QueryResult& result, QueryFormat format) {
  switch (format) {
    case QueryFormat::kTable:
      return format_table(result);
    case QueryFormat::kCsv:
      return format_csv(result);
    case QueryFormat::kJson:
      return format_json(result);
  }
  return "";
}

}  // namespace runner::results
