// `sweep.random`: reproducible draws within their bounds.
#include "sweep_test_util.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "runner/sweep/random_draws.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

using RandomSearch = SweepFiles;

std::string random_section(int count, int seed) {
  return "sweep:\n  random:\n    count: " + std::to_string(count) + "\n    seed: " + std::to_string(seed) + R"(
    params:
      optimizer.lr: {log_uniform: [1.0e-4, 1.0e-1]}
      optimizer.weight_decay: {uniform: [0, 0.01]}
      model.width: [32, 64, 128]
      training.epochs: {int_uniform: [2, 5]}
)";
}

std::vector<std::string> hashes_of(const sweep::ExpandedSweep& sweep) {
  std::vector<std::string> hashes;
  for (const auto& point : sweep.points) hashes.push_back(point.config_hash);
  return hashes;
}

TEST_F(RandomSearch, DrawsWithinBoundsAndTyped) {
  const auto sweep = expand(random_section(40, 7));
  ASSERT_EQ(sweep.points.size(), 40u);
  for (const auto& point : sweep.points) {
    const auto& lr = point.config_json["optimizer"]["lr"];
    const auto& decay = point.config_json["optimizer"]["weight_decay"];
    const auto& width = point.config_json["model"]["width"];
    const auto& epochs = point.config_json["training"]["epochs"];
    ASSERT_TRUE(lr.is_number_float());
    EXPECT_GE(lr.get<double>(), 1e-4);
    EXPECT_LE(lr.get<double>(), 1e-1);
    ASSERT_TRUE(decay.is_number_float());
    EXPECT_GE(decay.get<double>(), 0.0);
    EXPECT_LE(decay.get<double>(), 0.01);
    ASSERT_TRUE(width.is_number_integer());
    EXPECT_TRUE(width == 32 || width == 64 || width == 128) << width;
    ASSERT_TRUE(epochs.is_number_integer());
    EXPECT_GE(epochs.get<int>(), 2);
    EXPECT_LE(epochs.get<int>(), 5);
  }
  EXPECT_EQ(sweep.points[3].params[0].origin, "sweep.yaml:25 (sweep.random)");
  EXPECT_EQ(sweep.points[3].params[3].origin, "sweep.yaml:28 (sweep.random)");
}

TEST_F(RandomSearch, EveryChoiceAndIntegerIsDrawn) {
  const auto sweep = expand(random_section(40, 7));
  std::set<int> widths;
  std::set<int> epochs;
  for (const auto& point : sweep.points) {
    widths.insert(point.config_json["model"]["width"].get<int>());
    epochs.insert(point.config_json["training"]["epochs"].get<int>());
  }
  EXPECT_EQ(widths, (std::set<int>{32, 64, 128}));
  EXPECT_EQ(epochs, (std::set<int>{2, 3, 4, 5}));
}

TEST_F(RandomSearch, ReproducibleFromSeed) {
  const auto first = expand(random_section(8, 7));
  const auto second = expand(random_section(8, 7));
  const auto other_seed = expand(random_section(8, 8));
  EXPECT_EQ(hashes_of(first), hashes_of(second));
  EXPECT_EQ(first.points[5].config_yaml, second.points[5].config_yaml);
  EXPECT_NE(hashes_of(first), hashes_of(other_seed));
}

TEST_F(RandomSearch, PinnedDraws) {
  // Stored sweeps rely on the same seed giving the same points in every release.
  const auto sweep = expand(random_section(3, 7));
  std::vector<std::string> widths_and_epochs;
  for (const auto& point : sweep.points) {
    widths_and_epochs.push_back(point.config_json["model"]["width"].dump() + "/" +
                                point.config_json["training"]["epochs"].dump());
  }
  EXPECT_EQ(widths_and_epochs, (std::vector<std::string>{"64/5", "32/3", "128/4"}));
}

TEST_F(RandomSearch, LargerCountKeepsEarlierPoints) {
  const auto small = expand(random_section(4, 7));
  const auto large = expand(random_section(12, 7));
  for (size_t i = 0; i < small.points.size(); ++i) EXPECT_EQ(small.points[i].config_hash, large.points[i].config_hash) << i;
}

TEST_F(RandomSearch, LogUniformSpreadOverDecades) {
  const auto sweep = expand("sweep:\n  random:\n    count: 300\n    seed: 3\n    params:\n"
                            "      optimizer.lr: {log_uniform: [1.0e-4, 1.0e-1]}\n");
  // Three decades, each drawn about a third of the time (100 of 300; binomial sd about 8).
  int decade_counts[3] = {0, 0, 0};
  for (const auto& point : sweep.points) {
    const double lr = point.config_json["optimizer"]["lr"].get<double>();
    const int decade = std::clamp(static_cast<int>(std::floor(std::log10(lr))) + 4, 0, 2);
    ++decade_counts[decade];
  }
  for (int count : decade_counts) {
    EXPECT_GT(count, 65);
    EXPECT_LT(count, 135);
  }
}

TEST_F(RandomSearch, CombinesWithGridAsProduct) {
  const auto sweep = expand("sweep:\n  grid:\n    seed: [1, 2]\n  random:\n    count: 3\n    params:\n"
                            "      optimizer.lr: {uniform: [0.01, 0.1]}\n");
  ASSERT_EQ(sweep.points.size(), 6u);
  // The same three draws repeat for each grid value.
  EXPECT_EQ(sweep.points[0].config_json["optimizer"]["lr"], sweep.points[3].config_json["optimizer"]["lr"]);
  EXPECT_NE(sweep.points[0].config_json["optimizer"]["lr"], sweep.points[1].config_json["optimizer"]["lr"]);
  EXPECT_EQ(sweep.points[4].config_json["seed"], 2);
}

TEST_F(RandomSearch, UnknownDistributionIsError) {
  const std::string message = error_of("sweep:\n  random:\n    count: 2\n    params:\n      optimizer.lr: {loguniform: [1, 2]}\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:24:22: sweep.random.params.optimizer.lr.loguniform: unknown distribution 'loguniform'"));
  EXPECT_THAT(message, HasSubstr("did you mean 'log_uniform'?"));
}

TEST_F(RandomSearch, BoundsOutOfOrderIsError) {
  const std::string message = error_of("sweep:\n  random:\n    count: 2\n    params:\n      optimizer.lr: {uniform: [0.5, 0.1]}\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:24:31: sweep.random.params.optimizer.lr.uniform: bounds out of order: [0.5, 0.1]"));
  const std::string integers = error_of("sweep:\n  random:\n    count: 2\n    params:\n      seed: {int_uniform: [5, 2]}\n");
  EXPECT_THAT(integers, HasSubstr("sweep.yaml:24:27: sweep.random.params.seed.int_uniform: bounds out of order: [5, 2]"));
}

TEST_F(RandomSearch, LogUniformBoundMustBePositive) {
  const std::string message = error_of("sweep:\n  random:\n    count: 2\n    params:\n      optimizer.lr: {log_uniform: [0, 0.1]}\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:24:35: sweep.random.params.optimizer.lr.log_uniform: log_uniform bounds must be > 0"));
}

TEST_F(RandomSearch, CountMustBePositive) {
  const std::string message = error_of("sweep:\n  random:\n    count: 0\n    params:\n      seed: [1, 2]\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:22:12: sweep.random.count: must be an integer >= 1, got 0"));
  const std::string missing = error_of("sweep:\n  random:\n    params:\n      seed: [1, 2]\n");
  EXPECT_THAT(missing, HasSubstr("sweep.yaml:22:5: sweep.random.count: missing required integer"));
}

TEST_F(RandomSearch, BoundsMustBeTwoNumbers) {
  EXPECT_THAT(error_of("sweep:\n  random:\n    count: 2\n    params:\n      optimizer.lr: {uniform: [0.1]}\n"),
              HasSubstr("must be a list of two bounds [low, high]"));
  EXPECT_THAT(error_of("sweep:\n  random:\n    count: 2\n    params:\n      optimizer.lr: {uniform: [a, 1]}\n"),
              HasSubstr("bounds must be finite numbers, got 'a'"));
  EXPECT_THAT(error_of("sweep:\n  random:\n    count: 2\n    params:\n      seed: {int_uniform: [1.5, 3]}\n"),
              HasSubstr("must be an integer"));
}

TEST_F(RandomSearch, TooFewChoicesGiveDuplicates) {
  const std::string message = error_of("sweep:\n  random:\n    count: 5\n    params:\n      seed: [1, 2]\n");
  EXPECT_THAT(message, HasSubstr("have the same config"));
  EXPECT_THAT(message, HasSubstr("lower count or widen the choices"));
}

TEST(UniformBelow, CoversRangeEvenly) {
  std::mt19937_64 engine(11);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i) ++counts[sweep::uniform_below(engine, 3)];
  for (int count : counts) {
    EXPECT_GT(count, 900);
    EXPECT_LT(count, 1100);
  }
}

TEST(UniformUnit, WithinHalfOpenInterval) {
  std::mt19937_64 engine(5);
  double low = 1.0;
  double high = 0.0;
  for (int i = 0; i < 10000; ++i) {
    const double value = sweep::uniform_unit(engine);
    low = std::min(low, value);
    high = std::max(high, value);
  }
  EXPECT_GE(low, 0.0);
  EXPECT_LT(low, 0.001);
  EXPECT_LT(high, 1.0);
  EXPECT_GT(high, 0.999);
}

}  // namespace
}  // namespace runner::testing
