#include "runner/sweep/override.h"

#include <stdexcept>

#include <fmt/format.h>

namespace runner::sweep {

namespace {

constexpr const char* kExpectedForms = "expected path=value, +path=value, ~path or path=v1,v2,v3";

[[noreturn]] void fail_syntax(const Override& override, const std::string& message, const std::string& hint) {
  throw OverrideSyntaxError(SourceLocation{}, override.origin.subject, message, hint);
}

bool is_null_spelling(const std::string& text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

}  // namespace

EditTarget parse_edit_target(const std::string& text) {
  EditTarget target;
  std::string path_text = text;
  if (!text.empty() && (text[0] == '+' || text[0] == '~')) {
    target.kind = text[0] == '+' ? EditKind::kAdd : EditKind::kRemove;
    path_text = text.substr(1);
  }
  target.path = parse_config_path(path_text);
  return target;
}

std::vector<std::string> split_sweep_values(const std::string& text) {
  std::vector<std::string> pieces;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    current += c;
    if (quote != 0) {
      // A backslash escapes the next character only inside double quotes, as in YAML.
      if (quote == '"' && c == '\\' && i + 1 < text.size()) {
        current += text[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      current.pop_back();
      pieces.push_back(current);
      current.clear();
    }
  }
  pieces.push_back(current);
  return pieces;
}

YAML::Node parse_value(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("empty value");

  YAML::Node value;
  try {
    value = YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    throw std::invalid_argument(fmt::format("value '{}' is not valid YAML: {}", text, error.msg));
  }
  if ((!value || value.IsNull()) && !is_null_spelling(text)) {
    throw std::invalid_argument(fmt::format("value '{}' is empty in YAML (a comment or blank)", text));
  }
  return value;
}

Override parse_override(const std::string& text, size_t number) {
  Override override;
  override.text = text;
  override.origin = command_line_origin(number, text);

  const size_t equals = text.find('=');
  const std::string target_text = text.substr(0, equals);
  if (target_text.empty() || target_text == "+" || target_text == "~") {
    fail_syntax(override, "missing key path before '='", kExpectedForms);
  }
  EditTarget target;
  try {
    target = parse_edit_target(target_text);
  } catch (const PathSyntaxError& error) {
    fail_syntax(override, error.what(), kExpectedForms);
  }
  override.kind = target.kind;
  override.path = target.path;

  if (override.kind == EditKind::kRemove) {
    if (equals != std::string::npos) {
      fail_syntax(override, "a removal takes no value", fmt::format("write ~{} to remove the key", target.path.text));
    }
    return override;
  }
  if (equals == std::string::npos) {
    fail_syntax(override, "missing '=' and a value", fmt::format("write {}=VALUE, or ~{} to remove the key",
                                                                   target_text, target.path.text));
  }

  const std::vector<std::string> pieces = split_sweep_values(text.substr(equals + 1));
  for (size_t i = 0; i < pieces.size(); ++i) {
    try {
      override.values.push_back(parse_value(pieces[i]));
    } catch (const std::invalid_argument& error) {
      const std::string position_note = pieces.size() > 1 ? fmt::format("sweep value {} of {}: ", i + 1, pieces.size()) : "";
      fail_syntax(override, position_note + error.what(),
                  "quote a string that YAML would read otherwise ('\"#1\"'), write null for a null value, "
                  "and separate sweep values with single commas");
    }
  }
  return override;
}

}  // namespace runner::sweep
