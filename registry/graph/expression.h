// Expressions in model config values: a string written as `$name` or `${expr}` is evaluated.
//
// `expr` has integer and decimal literals, names, + - * / // % **, unary minus, parentheses and
// min(a, b), max(a, b), with Python's precedence and semantics: integer arithmetic stays integer
// except `/`, which always gives a float; `//` rounds towards negative infinity, and `%` takes the
// sign of the divisor. This file has no LibTorch or config dependency.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

namespace runner::registry {

// The value of a model variable, a block argument or an expression.
using ExpressionValue = std::variant<int64_t, double, std::string>;

// A failed evaluation. column() is 1-based within the expression text (the part inside `${}`), or
// 0 when no single position is to blame.
class ExpressionError : public std::runtime_error {
 public:
  enum class Kind {
    kSyntax,           // malformed text, an unknown function or a wrong argument count
    kUndefinedName,    // name() is not visible where the expression is written
    kInvalidOperation  // division by zero, arithmetic on a string, an integer overflow
  };

  ExpressionError(Kind kind, const std::string& message, size_t column = 0, std::string name = "")
      : std::runtime_error(message), kind_(kind), column_(column), name_(std::move(name)) {}

  Kind kind() const { return kind_; }
  size_t column() const { return column_; }
  const std::string& name() const { return name_; }

 private:
  Kind kind_;
  size_t column_;
  std::string name_;
};

// Returns the value of a visible name, or std::nullopt when none is visible under that name.
using NameLookup = std::function<std::optional<ExpressionValue>(const std::string& name)>;

// True for any string that starts with `$`. Such a string is always evaluated, so a malformed one
// such as `${x` is a syntax error rather than a plain string.
bool is_expression(const std::string& text);

// Evaluates `$name` or `${expr}`. Throws ExpressionError.
ExpressionValue evaluate_expression(const std::string& text, const NameLookup& lookup);

// The expression between `${` and `}`, or the name after `$`: the text that column() refers to.
std::string expression_body(const std::string& text);

// Reads a plain YAML scalar as written: an integer ("30"), a decimal number ("0.5", "1e-3"), or
// else the text itself as a string.
ExpressionValue parse_literal(const std::string& text);

// 30, 0.25, 'relu'.
std::string format_value(const ExpressionValue& value);

}  // namespace runner::registry
