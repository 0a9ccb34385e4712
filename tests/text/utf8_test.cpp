// UTF-8 validation and case mapping.
#include <gtest/gtest.h>

#include <string>

#include "runner/text/utf8.h"

namespace runner::text {
namespace {

TEST(Utf8, ValidTextHasNoInvalidByte) {
  EXPECT_EQ(find_invalid_utf8("plain ASCII"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
}

TEST(Utf8, InvalidSequencesAreFound) {
  EXPECT_EQ(find_invalid_utf8("ab\x80"), std::optional<size_t>(2));           // stray continuation byte
  EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), std::optional<size_t>(1));        // overlong '/'
  EXPECT_EQ(find_invalid_utf8("a\xE0\x80\xAF"), std::optional<size_t>(1));    // overlong three-byte form
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), std::optional<size_t>(0));     // surrogate U+D800
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), std::optional<size_t>(0)); // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("x\xC3"), std::optional<size_t>(1));            // truncated at the end
  EXPECT_EQ(find_invalid_utf8("x\xE2\x80y"), std::optional<size_t>(1));       // truncated before 'y'
  EXPECT_EQ(find_invalid_utf8("\xFF"), std::optional<size_t>(0));
}

TEST(Utf8, LowercaseCoversLatinGreekCyrillic) {
  EXPECT_EQ(to_lower_utf8("In The BEGINNING"), "in the beginning");
  EXPECT_EQ(to_lower_utf8("\xC3\x89" "COLE \xC3\x98" "RE"), "\xC3\xA9" "cole \xC3\xB8" "re");  // ÉCOLE ØRE
  EXPECT_EQ(to_lower_utf8("\xC5\x81\xC3\x93" "D\xC5\xB9"), "\xC5\x82\xC3\xB3" "d\xC5\xBA");   // ŁÓDŹ
  EXPECT_EQ(to_lower_utf8("\xCE\x91\xCE\x92\xCE\x93"), "\xCE\xB1\xCE\xB2\xCE\xB3");            // ΑΒΓ
  EXPECT_EQ(to_lower_utf8("\xD0\x9C\xD0\x98\xD0\xA0"), "\xD0\xBC\xD0\xB8\xD1\x80");            // МИР
  EXPECT_EQ(to_lower_utf8("\xC3\x97 \xE2\x80\x9C"), "\xC3\x97 \xE2\x80\x9C");                  // × and “ unchanged
}

TEST(Utf8, CapitalizeFirstLetterOnly) {
  EXPECT_EQ(capitalize_utf8("hello world"), "Hello world");
  EXPECT_EQ(capitalize_utf8("\xC3\xA9t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // été -> Été
  EXPECT_EQ(capitalize_utf8("\xC5\x82" "ad"), "\xC5\x81" "ad");          // ład -> Ład
  EXPECT_EQ(capitalize_utf8("'t"), "'t");
  EXPECT_EQ(capitalize_utf8(""), "");
}

}  // namespace
}  // namespace runner::text
