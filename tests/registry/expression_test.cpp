// Expressions in model values: arithmetic rules, and the errors for bad names, syntax and operations.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "registry/graph/expression.h"

namespace runner::registry {
namespace {

std::optional<ExpressionValue> lookup_example(const std::string& name) {
  static const std::map<std::string, ExpressionValue> kNames = {
      {"width", int64_t{30}}, {"blocks", int64_t{8}}, {"rate", 0.25}, {"act", std::string("relu")}};
  const auto found = kNames.find(name);
  if (found == kNames.end()) return std::nullopt;
  return found->second;
}

ExpressionValue evaluate(const std::string& text) { return evaluate_expression(text, lookup_example); }

// The error that evaluating `text` throws; fails the test when it throws none.
ExpressionError evaluation_error(const std::string& text) {
  try {
    evaluate(text);
  } catch (const ExpressionError& error) {
    return error;
  }
  ADD_FAILURE() << "no error for " << text;
  return ExpressionError(ExpressionError::Kind::kSyntax, "none");
}

struct ArithmeticCase {
  std::string text;
  ExpressionValue expected;
};

TEST(ExpressionEval, ArithmeticTable) {
  const std::vector<ArithmeticCase> cases = {
      {"${1 + 2}", int64_t{3}},
      {"${7 - 10}", int64_t{-3}},
      {"${6 / 2}", 3.0},  // '/' always gives a float
      {"${7 / 2}", 3.5},
      {"${7 // 2}", int64_t{3}},
      {"${-7 // 2}", int64_t{-4}},  // floor, not truncation
      {"${7.5 // 2}", 3.0},
      {"${7 % 3}", int64_t{1}},
      {"${-7 % 3}", int64_t{2}},  // the sign of the divisor
      {"${7 % -3}", int64_t{-2}},
      {"${5.5 % 2}", 1.5},
      {"${2 ** 10}", int64_t{1024}},
      {"${2 ** -1}", 0.5},
      {"${2 ** 3 ** 2}", int64_t{512}},  // right-associative
      {"${-2 ** 2}", int64_t{-4}},       // ** binds tighter than unary minus
      {"${1 + 2 * 3}", int64_t{7}},
      {"${(1 + 2) * 3}", int64_t{9}},
      {"${10 - 4 - 3}", int64_t{3}},  // left-associative
      {"${-(3 - 5)}", int64_t{2}},
      {"${--3}", int64_t{3}},
      {"${min(3, 2.5)}", 2.5},
      {"${max(3, 2.5)}", int64_t{3}},  // the chosen argument keeps its type
      {"${min(width, blocks) * 2}", int64_t{16}},
      {"${1e-3 * 1000}", 1.0},
      {"${.5 + 1}", 1.5},
      {"$width", int64_t{30}},
      {"${width}", int64_t{30}},
      {"${ (blocks - 2) // 2 }", int64_t{3}},
      {"${0.4 * 3 / (8 - 1)}", 0.4 * 3 / 7},
      {"${rate * 4}", 1.0},
      {"$act", std::string("relu")},
  };
  for (const ArithmeticCase& example : cases) {
    const ExpressionValue value = evaluate(example.text);
    EXPECT_EQ(value.index(), example.expected.index()) << example.text << " gave " << format_value(value);
    EXPECT_EQ(value, example.expected) << example.text << " gave " << format_value(value);
  }
}

TEST(ExpressionEval, UndefinedNameWithColumn) {
  const ExpressionError error = evaluation_error("${width + heigth}");
  EXPECT_EQ(error.kind(), ExpressionError::Kind::kUndefinedName);
  EXPECT_EQ(error.name(), "heigth");
  EXPECT_EQ(error.column(), 9u);
  EXPECT_EQ(std::string(error.what()), "undefined name 'heigth' at column 9");
}

TEST(ExpressionEval, SyntaxErrorColumns) {
  const std::vector<std::pair<std::string, size_t>> cases = {
      {"${2 * * 3}", 5},      // the second '*'
      {"${(1 + 2}", 7},       // where ')' was expected: the end of "(1 + 2"
      {"${1 +}", 4},          // ends after the operator
      {"${}", 1},             // empty
      {"${3 4}", 3},          // two numbers in a row
      {"${foo(1)}", 1},       // unknown function
      {"${min(1)}", 1},       // one argument
      {"${12abc}", 3},        // a name glued to a number
      {"$width+1", 6},        // $name takes a bare name only
  };
  for (const auto& [text, column] : cases) {
    const ExpressionError error = evaluation_error(text);
    EXPECT_EQ(error.kind(), ExpressionError::Kind::kSyntax) << text << ": " << error.what();
    EXPECT_EQ(error.column(), column) << text << ": " << error.what();
  }
  EXPECT_EQ(evaluation_error("${1 + 2").kind(), ExpressionError::Kind::kSyntax);
}

TEST(ExpressionEval, DivisionByZero) {
  for (const std::string text : {"${1 / 0}", "${1 // 0}", "${1 % 0}", "${1.5 / 0.0}", "${0 ** -1}"}) {
    const ExpressionError error = evaluation_error(text);
    EXPECT_EQ(error.kind(), ExpressionError::Kind::kInvalidOperation) << text;
    EXPECT_NE(std::string(error.what()).find("division by zero"), std::string::npos) << error.what();
  }
}

TEST(ExpressionEval, StringOperandRejected) {
  const ExpressionError error = evaluation_error("${act * 2}");
  EXPECT_EQ(error.kind(), ExpressionError::Kind::kInvalidOperation);
  EXPECT_EQ(std::string(error.what()), "'*' needs numbers, got the string 'relu'");
  EXPECT_EQ(evaluation_error("${-act}").kind(), ExpressionError::Kind::kInvalidOperation);
}

TEST(ExpressionEval, IntegerOverflowRejected) {
  EXPECT_EQ(evaluate("${2 ** 62}"), ExpressionValue(int64_t{1} << 62));
  EXPECT_EQ(evaluation_error("${2 ** 63}").kind(), ExpressionError::Kind::kInvalidOperation);
  EXPECT_EQ(evaluation_error("${9223372036854775807 + 1}").kind(), ExpressionError::Kind::kInvalidOperation);
  EXPECT_EQ(evaluation_error("${99999999999999999999}").kind(), ExpressionError::Kind::kSyntax);
  EXPECT_EQ(evaluate("${(-1) ** 1000001}"), ExpressionValue(int64_t{-1}));
}

TEST(ExpressionText, OnlyDollarStringsAreExpressions) {
  EXPECT_TRUE(is_expression("$width"));
  EXPECT_TRUE(is_expression("${1 + 2}"));
  EXPECT_FALSE(is_expression("relu"));
  EXPECT_FALSE(is_expression("a$b"));
  EXPECT_EQ(expression_body("${blocks - 2}"), "blocks - 2");
  EXPECT_EQ(expression_body("$width"), "width");
}

TEST(ParseLiteral, NumbersAndStrings) {
  EXPECT_EQ(parse_literal("30"), ExpressionValue(int64_t{30}));
  EXPECT_EQ(parse_literal("-4"), ExpressionValue(int64_t{-4}));
  EXPECT_EQ(parse_literal("0.5"), ExpressionValue(0.5));
  EXPECT_EQ(parse_literal("1e-3"), ExpressionValue(1e-3));
  EXPECT_EQ(parse_literal("relu"), ExpressionValue(std::string("relu")));
  EXPECT_EQ(parse_literal("inf"), ExpressionValue(std::string("inf")));
  EXPECT_EQ(format_value(ExpressionValue(4.0)), "4.0");
  EXPECT_EQ(format_value(ExpressionValue(0.25)), "0.25");
  EXPECT_EQ(format_value(ExpressionValue(std::string("relu"))), "'relu'");
}

}  // namespace
}  // namespace runner::registry
