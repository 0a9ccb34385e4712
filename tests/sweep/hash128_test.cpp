#include <gtest/gtest.h>

#include <set>

#include "runner/sweep/hash128.h"

namespace runner::sweep {
namespace {

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

TEST(Fnv1a64, PublishedTestVectors) {
  // Values from the FNV reference test suite (64-bit FNV-1a).
  EXPECT_EQ(fnv1a_64("", kFnvOffsetBasis), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a", kFnvOffsetBasis), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar", kFnvOffsetBasis), 0x85944171f73967e8ULL);
}

TEST(SplitMix64, FirstOutputsOfSeedZero) {
  // The SplitMix64 generator seeded with 0 returns these two values first.
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(splitmix64(0x9e3779b97f4a7c15ULL), 0x6e789e6aa1b965f4ULL);
}

TEST(Hash128, PinnedValues) {
  // Stored trials are matched to sweep points by this hash: a change here orphans every stored sweep.
  EXPECT_EQ(hash128_hex(""), "c3817c016ba4ff306d54e6398d858171");
  EXPECT_EQ(hash128_hex("{\"seed\":1}"), "8bcde003642d391e5ec4d4ddc04213cf");
}

TEST(Hash128, FormatAndSensitivity) {
  const std::string hash = hash128_hex("{\"lr\":0.1}");
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(hash128_hex("{\"lr\":0.1}"), hash);

  std::set<std::string> hashes;
  for (const char* text : {"{\"lr\":0.1}", "{\"lr\":0.2}", "{\"lr\":0.10}", "{\"lr\":0.1} ", "{\"rl\":0.1}"}) {
    hashes.insert(hash128_hex(text));
  }
  EXPECT_EQ(hashes.size(), 5u);
}

TEST(Hash128, HalvesDiffer) {
  // The two halves are independent hashes, not one hash printed twice.
  const std::string hash = hash128_hex("abc");
  EXPECT_NE(hash.substr(0, 16), hash.substr(16));
}

}  // namespace
}  // namespace runner::sweep
