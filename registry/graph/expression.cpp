#include "registry/graph/expression.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include <fmt/format.h>

namespace runner::registry {

namespace {

using Kind = ExpressionError::Kind;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

[[noreturn]] void fail_operation(const std::string& message, size_t column) {
  throw ExpressionError(Kind::kInvalidOperation, message, column);
}

// A number operand: either alternative of ExpressionValue except the string.
struct Number {
  bool is_int = true;
  int64_t integer = 0;
  double real = 0.0;

  double as_double() const { return is_int ? static_cast<double>(integer) : real; }
};

Number make_int(int64_t value) { return {true, value, 0.0}; }
Number make_real(double value) { return {false, 0, value}; }

ExpressionValue to_value(const Number& number) {
  if (number.is_int) return number.integer;
  return number.real;
}

Number checked_real(double value, const char* operation, size_t column) {
  if (!std::isfinite(value)) {
    fail_operation(fmt::format("'{}' gives {}, which is not a finite number", operation, value), column);
  }
  return make_real(value);
}

Number int_power(int64_t base, int64_t exponent, size_t column) {
  int64_t result = 1;
  for (int64_t i = 0; i < exponent; ++i) {
    if (__builtin_mul_overflow(result, base, &result)) {
      fail_operation(fmt::format("{} ** {} overflows a 64-bit integer", base, exponent), column);
    }
    // 0, 1 and -1 stay bounded, so a large exponent need not be walked to the end.
    if (result == 0 || result == 1) return make_int(result);
    if (result == -1) return make_int((exponent - i - 1) % 2 == 0 ? -1 : 1);
  }
  return make_int(result);
}

// Applies a binary operator with Python's rules for int and float operands.
Number apply_binary(const std::string& op, const Number& a, const Number& b, size_t column) {
  const bool both_int = a.is_int && b.is_int;
  const char* name = op.c_str();
  if (op == "/" || op == "//" || op == "%") {
    if (b.as_double() == 0.0) fail_operation(fmt::format("division by zero in '{}'", op), column);
  }

  if (op == "+" || op == "-" || op == "*") {
    if (!both_int) {
      const double x = a.as_double();
      const double y = b.as_double();
      double value = x * y;
      if (op == "+") value = x + y;
      if (op == "-") value = x - y;
      return checked_real(value, name, column);
    }
    int64_t result = 0;
    const bool overflow = op == "+"   ? __builtin_add_overflow(a.integer, b.integer, &result)
                          : op == "-" ? __builtin_sub_overflow(a.integer, b.integer, &result)
                                      : __builtin_mul_overflow(a.integer, b.integer, &result);
    if (overflow) fail_operation(fmt::format("'{}' overflows a 64-bit integer", op), column);
    return make_int(result);
  }

  if (op == "/") return checked_real(a.as_double() / b.as_double(), name, column);

  if (op == "//") {
    if (!both_int) return checked_real(std::floor(a.as_double() / b.as_double()), name, column);
    if (a.integer == std::numeric_limits<int64_t>::min() && b.integer == -1) {
      fail_operation("'//' overflows a 64-bit integer", column);
    }
    int64_t quotient = a.integer / b.integer;
    if (a.integer % b.integer != 0 && (a.integer < 0) != (b.integer < 0)) --quotient;
    return make_int(quotient);
  }

  if (op == "%") {
    if (!both_int) {
      double remainder = std::fmod(a.as_double(), b.as_double());
      if (remainder != 0.0 && (remainder < 0) != (b.as_double() < 0)) remainder += b.as_double();
      return checked_real(remainder, name, column);
    }
    if (b.integer == -1) return make_int(0);
    int64_t remainder = a.integer % b.integer;
    if (remainder != 0 && (remainder < 0) != (b.integer < 0)) remainder += b.integer;
    return make_int(remainder);
  }

  // "**": an integer to a non-negative integer power stays an integer, as in Python.
  if (both_int && b.integer >= 0) return int_power(a.integer, b.integer, column);
  if (a.as_double() == 0.0 && b.as_double() < 0) fail_operation("division by zero in '**': 0 to a negative power", column);
  if (a.as_double() < 0 && std::floor(b.as_double()) != b.as_double()) {
    fail_operation(fmt::format("'**' of the negative number {} to the fractional power {} is not a real number",
                               a.as_double(), b.as_double()),
                   column);
  }
  return checked_real(std::pow(a.as_double(), b.as_double()), name, column);
}

// A recursive-descent parser that evaluates while it parses. Grammar, loosest binding first:
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/' | '//' | '%') unary)*
//   unary   := '-' unary | '+' unary | power
//   power   := primary ('**' unary)?           right-associative, and -2 ** 2 == -4 as in Python
//   primary := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
class Parser {
 public:
  Parser(const std::string& text, const NameLookup& lookup) : text_(text), lookup_(lookup) {}

  ExpressionValue parse() {
    skip_spaces();
    if (at_end()) fail_syntax("empty expression", position_);
    ExpressionValue value = parse_sum();
    skip_spaces();
    if (!at_end()) fail_syntax(fmt::format("unexpected '{}'", text_[position_]), position_);
    return value;
  }

 private:
  [[noreturn]] void fail_syntax(const std::string& message, size_t position) const {
    throw ExpressionError(Kind::kSyntax, fmt::format("{} at column {}", message, position + 1), position + 1);
  }

  bool at_end() const { return position_ >= text_.size(); }

  void skip_spaces() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(text_[position_]))) ++position_;
  }

  // Consumes `token` when it comes next; "*" does not match the start of "**", nor "/" of "//".
  bool accept(const std::string& token) {
    skip_spaces();
    if (text_.compare(position_, token.size(), token) != 0) return false;
    const size_t after = position_ + token.size();
    const bool doubled = (token == "*" || token == "/") && after < text_.size() && text_[after] == token[0];
    if (doubled) return false;
    position_ = after;
    return true;
  }

  Number to_number(const ExpressionValue& value, const std::string& op, size_t position) const {
    if (const auto* text = std::get_if<std::string>(&value)) {
      fail_operation(fmt::format("'{}' needs numbers, got the string '{}'", op, *text), position + 1);
    }
    if (const auto* integer = std::get_if<int64_t>(&value)) return make_int(*integer);
    return make_real(std::get<double>(value));
  }

  ExpressionValue parse_sum() {
    ExpressionValue left = parse_product();
    while (true) {
      const size_t position = (skip_spaces(), position_);
      std::string op;
      if (accept("+")) {
        op = "+";
      } else if (accept("-")) {
        op = "-";
      } else {
        return left;
      }
      const ExpressionValue right = parse_product();
      left = to_value(apply_binary(op, to_number(left, op, position), to_number(right, op, position), position + 1));
    }
  }

  ExpressionValue parse_product() {
    ExpressionValue left = parse_unary();
    while (true) {
      const size_t position = (skip_spaces(), position_);
      std::string op;
      for (const char* candidate : {"//", "/", "*", "%"}) {
        if (accept(candidate)) {
          op = candidate;
          break;
        }
      }
      if (op.empty()) return left;
      const ExpressionValue right = parse_unary();
      left = to_value(apply_binary(op, to_number(left, op, position), to_number(right, op, position), position + 1));
    }
  }

  ExpressionValue parse_unary() {
    const size_t position = (skip_spaces(), position_);
    if (accept("-")) {
      const Number operand = to_number(parse_unary(), "-", position);
      if (!operand.is_int) return -operand.real;
      if (operand.integer == std::numeric_limits<int64_t>::min()) {
        fail_operation("unary '-' overflows a 64-bit integer", position + 1);
      }
      return -operand.integer;
    }
    if (accept("+")) return to_value(to_number(parse_unary(), "+", position));
    return parse_power();
  }

  ExpressionValue parse_power() {
    ExpressionValue base = parse_primary();
    const size_t position = (skip_spaces(), position_);
    if (!accept("**")) return base;
    const ExpressionValue exponent = parse_unary();
    return to_value(
        apply_binary("**", to_number(base, "**", position), to_number(exponent, "**", position), position + 1));
  }

  ExpressionValue parse_primary() {
    skip_spaces();
    if (at_end()) fail_syntax("expected a number, a name or '(' but the expression ends", position_);
    const char next = text_[position_];
    if (is_digit(next) || next == '.') return parse_number();
    if (is_name_start(next)) return parse_name_or_call();
    if (accept("(")) {
      ExpressionValue value = parse_sum();
      if (!accept(")")) fail_syntax("expected ')'", (skip_spaces(), position_));
      return value;
    }
    fail_syntax(fmt::format("expected a number, a name or '(' but found '{}'", next), position_);
  }

  ExpressionValue parse_number() {
    const size_t start = position_;
    bool is_int = true;
    while (!at_end() && is_digit(text_[position_])) ++position_;
    if (!at_end() && text_[position_] == '.') {
      is_int = false;
      ++position_;
      while (!at_end() && is_digit(text_[position_])) ++position_;
    }
    if (!at_end() && (text_[position_] == 'e' || text_[position_] == 'E')) {
      is_int = false;
      ++position_;
      if (!at_end() && (text_[position_] == '+' || text_[position_] == '-')) ++position_;
      if (at_end() || !is_digit(text_[position_])) fail_syntax("expected digits after the exponent", position_);
      while (!at_end() && is_digit(text_[position_])) ++position_;
    }
    if (!at_end() && is_name_char(text_[position_])) {
      fail_syntax(fmt::format("unexpected '{}' after a number", text_[position_]), position_);
    }

    const std::string literal = text_.substr(start, position_ - start);
    if (literal == ".") fail_syntax("expected digits around '.'", start);
    errno = 0;
    if (is_int) {
      const long long value = std::strtoll(literal.c_str(), nullptr, 10);
      if (errno == ERANGE) fail_syntax(fmt::format("integer {} does not fit 64 bits", literal), start);
      return static_cast<int64_t>(value);
    }
    const double value = std::strtod(literal.c_str(), nullptr);
    if (errno == ERANGE || !std::isfinite(value)) fail_syntax(fmt::format("number {} is out of range", literal), start);
    return value;
  }

  ExpressionValue parse_name_or_call() {
    const size_t start = position_;
    while (!at_end() && is_name_char(text_[position_])) ++position_;
    const std::string name = text_.substr(start, position_ - start);
    if (accept("(")) return parse_call(name, start);

    std::optional<ExpressionValue> value = lookup_(name);
    if (!value) {
      throw ExpressionError(Kind::kUndefinedName, fmt::format("undefined name '{}' at column {}", name, start + 1),
                            start + 1, name);
    }
    return *value;
  }

  // min(a, b) and max(a, b). The result keeps the type of the chosen argument, as in Python.
  ExpressionValue parse_call(const std::string& name, size_t start) {
    if (name != "min" && name != "max") fail_syntax(fmt::format("unknown function '{}' (available: min, max)", name), start);
    std::vector<ExpressionValue> arguments{parse_sum()};
    while (accept(",")) arguments.push_back(parse_sum());
    if (!accept(")")) fail_syntax("expected ',' or ')'", (skip_spaces(), position_));
    if (arguments.size() != 2) {
      fail_syntax(fmt::format("{} takes 2 arguments, got {}", name, arguments.size()), start);
    }

    const Number a = to_number(arguments[0], name, start);
    const Number b = to_number(arguments[1], name, start);
    const bool take_b = name == "min" ? b.as_double() < a.as_double() : b.as_double() > a.as_double();
    return take_b ? arguments[1] : arguments[0];
  }

  const std::string& text_;
  const NameLookup& lookup_;
  size_t position_ = 0;
};

}  // namespace

bool is_expression(const std::string& text) { return !text.empty() && text[0] == '$'; }

std::string expression_body(const std::string& text) {
  if (text.size() >= 2 && text[1] == '{') {
    const size_t end = text.back() == '}' ? text.size() - 1 : text.size();
    return text.substr(2, end - 2);
  }
  return text.substr(std::min<size_t>(1, text.size()));
}

ExpressionValue evaluate_expression(const std::string& text, const NameLookup& lookup) {
  if (!is_expression(text)) {
    throw ExpressionError(Kind::kSyntax, fmt::format("'{}' is not an expression: it must start with '$'", text));
  }

  if (text.size() >= 2 && text[1] == '{') {
    if (text.back() != '}') {
      throw ExpressionError(Kind::kSyntax, "missing the closing '}' of '${'");
    }
    return Parser(expression_body(text), lookup).parse();
  }

  // `$name`: exactly one name and nothing else.
  const std::string name = expression_body(text);
  if (name.empty() || !is_name_start(name[0])) {
    throw ExpressionError(Kind::kSyntax, "expected a name or '{' after '$' at column 1", 1);
  }
  for (size_t i = 1; i < name.size(); ++i) {
    if (!is_name_char(name[i])) {
      throw ExpressionError(Kind::kSyntax,
                            fmt::format("unexpected '{}' at column {}; write ${{...}} for an expression", name[i], i + 1),
                            i + 1);
    }
  }
  return Parser(name, lookup).parse();
}

ExpressionValue parse_literal(const std::string& text) {
  if (text.empty()) return text;
  const char* begin = text.c_str();
  char* end = nullptr;

  errno = 0;
  const long long integer = std::strtoll(begin, &end, 10);
  if (end == begin + text.size() && errno != ERANGE) return static_cast<int64_t>(integer);

  // Only decimal forms count as numbers: strtod alone would also accept "inf", "nan" and hex.
  const bool decimal_chars = text.find_first_not_of("0123456789.eE+-") == std::string::npos;
  errno = 0;
  const double real = std::strtod(begin, &end);
  if (decimal_chars && end == begin + text.size() && errno != ERANGE) return real;
  return text;
}

std::string format_value(const ExpressionValue& value) {
  if (const auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) {
    // Keep a decimal point on integral floats, so 4.0 is not mistaken for the integer 4.
    const std::string text = fmt::format("{}", *real);
    return text.find_first_of(".eEn") == std::string::npos ? text + ".0" : text;
  }
  return "'" + std::get<std::string>(value) + "'";
}

}  // namespace runner::registry
