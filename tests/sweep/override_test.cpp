#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/sweep/override.h"

namespace runner::sweep {
namespace {

using ::testing::HasSubstr;

std::string syntax_error_of(const std::string& text) {
  try {
    parse_override(text, 3);
  } catch (const OverrideSyntaxError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an OverrideSyntaxError for " << text;
  return "";
}

TEST(ParseOverride, SetsExistingKey) {
  const Override override = parse_override("optimizer.lr=0.5", 1);
  EXPECT_EQ(override.kind, EditKind::kSet);
  ASSERT_EQ(override.path.segments.size(), 2u);
  EXPECT_EQ(override.path.segments[0].key, "optimizer");
  EXPECT_EQ(override.path.segments[1].key, "lr");
  ASSERT_EQ(override.values.size(), 1u);
  EXPECT_EQ(override.values[0].Scalar(), "0.5");
  EXPECT_FALSE(override.is_sweep());
  EXPECT_EQ(override.origin.label, "command line (override 1)");
}

TEST(ParseOverride, AddAndRemovePrefixes) {
  const Override add = parse_override("+augmentation.hflip=0.5", 1);
  EXPECT_EQ(add.kind, EditKind::kAdd);
  EXPECT_EQ(add.path.canonical_text(), "augmentation.hflip");

  const Override remove = parse_override("~optimizer.weight_decay", 2);
  EXPECT_EQ(remove.kind, EditKind::kRemove);
  EXPECT_EQ(remove.path.canonical_text(), "optimizer.weight_decay");
  EXPECT_TRUE(remove.values.empty());
}

TEST(ParseOverride, CommasMakeSweep) {
  const Override override = parse_override("model.width=32,64,128", 1);
  EXPECT_TRUE(override.is_sweep());
  ASSERT_EQ(override.values.size(), 3u);
  EXPECT_EQ(override.values[0].Scalar(), "32");
  EXPECT_EQ(override.values[2].Scalar(), "128");
}

TEST(ParseOverride, BracketsMakeOneListValue) {
  const Override list = parse_override("data.normalize.mean=[0.5,0.5,0.5]", 1);
  ASSERT_EQ(list.values.size(), 1u);
  EXPECT_TRUE(list.values[0].IsSequence());
  EXPECT_EQ(list.values[0].size(), 3u);

  const Override lists = parse_override("model.kernel=[3,3],[5,5]", 1);
  ASSERT_EQ(lists.values.size(), 2u);
  EXPECT_EQ(lists.values[1][0].Scalar(), "5");
}

TEST(ParseOverride, QuotesProtectCommas) {
  const Override override = parse_override("name=\"a,b\",'c,d'", 1);
  ASSERT_EQ(override.values.size(), 2u);
  EXPECT_EQ(override.values[0].Scalar(), "a,b");
  EXPECT_EQ(override.values[1].Scalar(), "c,d");
}

TEST(ParseOverride, ValueKeepsTextAndQuoting) {
  EXPECT_EQ(parse_override("a=1e-7", 1).values[0].Scalar(), "1e-7");
  EXPECT_EQ(parse_override("a=\"3\"", 1).values[0].Tag(), "!");
  EXPECT_NE(parse_override("a=3", 1).values[0].Tag(), "!");
}

TEST(ParseOverride, ValueMayContainEquals) {
  const Override override = parse_override("data.path=/data/x=y", 1);
  EXPECT_EQ(override.values[0].Scalar(), "/data/x=y");
}

TEST(ParseOverride, ListIndexForms) {
  const Override brackets = parse_override("model.layers[2].out_channels=8", 1);
  const Override dots = parse_override("model.layers.2.out_channels=8", 1);
  EXPECT_TRUE(brackets.path.segments[2].bracketed);
  EXPECT_FALSE(dots.path.segments[2].bracketed);
  EXPECT_TRUE(brackets.path.same_as(dots.path));
  EXPECT_EQ(dots.path.canonical_text(), "model.layers[2].out_channels");
}

TEST(OverrideErrors, MissingPath) {
  const std::string message = syntax_error_of("=5");
  EXPECT_THAT(message, HasSubstr("command line override 3 '=5'"));
  EXPECT_THAT(message, HasSubstr("missing key path before '='"));
  EXPECT_THAT(message, HasSubstr("expected path=value, +path=value, ~path or path=v1,v2,v3"));
}

TEST(OverrideErrors, EmptySegment) {
  const std::string message = syntax_error_of("a..b=1");
  EXPECT_THAT(message, HasSubstr("'a..b=1'"));
  EXPECT_THAT(message, HasSubstr("empty key at character 3 of 'a..b'"));
}

TEST(OverrideErrors, MissingValue) {
  const std::string message = syntax_error_of("a.b");
  EXPECT_THAT(message, HasSubstr("'a.b'"));
  EXPECT_THAT(message, HasSubstr("missing '=' and a value"));
  EXPECT_THAT(message, HasSubstr("write a.b=VALUE, or ~a.b to remove the key"));
}

TEST(OverrideErrors, RemovalWithValue) {
  const std::string message = syntax_error_of("~a.b=3");
  EXPECT_THAT(message, HasSubstr("'~a.b=3'"));
  EXPECT_THAT(message, HasSubstr("a removal takes no value"));
  EXPECT_THAT(message, HasSubstr("write ~a.b to remove the key"));
}

TEST(OverrideErrors, BadIndexAndTrailingDot) {
  EXPECT_THAT(syntax_error_of("a[x]=1"), HasSubstr("invalid list index at character 2 of 'a[x]'"));
  EXPECT_THAT(syntax_error_of("a[1=1"), HasSubstr("invalid list index"));
  EXPECT_THAT(syntax_error_of("a.=1"), HasSubstr("path 'a.' ends with '.'"));
  EXPECT_THAT(syntax_error_of("a.[0]=1"), HasSubstr("write a[0], not a.[0]"));
  EXPECT_THAT(syntax_error_of("+=1"), HasSubstr("missing key path"));
}

TEST(OverrideErrors, EmptyAndInvalidValues) {
  EXPECT_THAT(syntax_error_of("a.b="), HasSubstr("empty value"));
  EXPECT_THAT(syntax_error_of("a.b=1,,2"), HasSubstr("sweep value 2 of 3: empty value"));
  EXPECT_THAT(syntax_error_of("a.b=[1,2"), HasSubstr("value '[1,2' is not valid YAML"));
  EXPECT_THAT(syntax_error_of("a.b=#x"), HasSubstr("value '#x' is empty in YAML"));
}

TEST(OverrideErrors, SyntaxErrorIsConfigError) {
  EXPECT_THROW(parse_override("a.b", 1), ConfigError);
}

TEST(SplitSweepValues, NestingAndQuotes) {
  EXPECT_EQ(split_sweep_values("1,2,3"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(split_sweep_values("[1,2],{a: 1, b: 2}"), (std::vector<std::string>{"[1,2]", "{a: 1, b: 2}"}));
  EXPECT_EQ(split_sweep_values("\"x,\\\"y\",z"), (std::vector<std::string>{"\"x,\\\"y\"", "z"}));
  EXPECT_EQ(split_sweep_values("single"), (std::vector<std::string>{"single"}));
}

}  // namespace
}  // namespace runner::sweep
