// The grid and explicit points of a sweep section, and command-line sweeps.
#include "sweep_test_util.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

using GridAndPoints = SweepFiles;

const char* kGrid222 = R"(sweep:
  grid:
    model.width: [32, 64]
    model.depth: [2, 4]
    seed: [1, 2]
)";

TEST_F(GridAndPoints, GridInFileOrderLastVariesFastest) {
  const auto sweep = expand(kGrid222);
  EXPECT_TRUE(sweep.is_sweep);
  ASSERT_EQ(sweep.points.size(), 8u);
  const std::vector<std::vector<int>> expected = {{32, 2, 1}, {32, 2, 2}, {32, 4, 1}, {32, 4, 2},
                                                  {64, 2, 1}, {64, 2, 2}, {64, 4, 1}, {64, 4, 2}};
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& json = sweep.points[i].config_json;
    EXPECT_EQ(sweep.points[i].point_index, i);
    EXPECT_EQ(json["model"]["width"], expected[i][0]) << "point " << i;
    EXPECT_EQ(json["model"]["depth"], expected[i][1]) << "point " << i;
    EXPECT_EQ(json["seed"], expected[i][2]) << "point " << i;
  }
  EXPECT_EQ(param_texts(sweep.points[5]), (std::vector<std::string>{"model.width=64", "model.depth=2", "seed=2"}));
  EXPECT_EQ(sweep.points[5].params[0].origin, "sweep.yaml:22 (sweep.grid)");
  EXPECT_EQ(sweep.points[5].params[2].origin, "sweep.yaml:24 (sweep.grid)");
}

TEST_F(GridAndPoints, SweepSectionRemovedFromPoints) {
  const auto sweep = expand(kGrid222);
  for (const auto& point : sweep.points) {
    EXPECT_FALSE(point.config_json.contains("sweep"));
    EXPECT_EQ(point.config_yaml.find("sweep"), std::string::npos);
  }
}

TEST_F(GridAndPoints, GridTimesPoints) {
  const auto sweep = expand(R"(sweep:
  grid:
    seed: [1, 2]
  points:
    - {optimizer.lr: 0.1, optimizer.name: sgd}
    - {optimizer.lr: 0.001, optimizer.name: adam}
)");
  ASSERT_EQ(sweep.points.size(), 4u);
  EXPECT_EQ(param_texts(sweep.points[0]), (std::vector<std::string>{"seed=1", "optimizer.lr=0.1", "optimizer.name=\"sgd\""}));
  EXPECT_EQ(param_texts(sweep.points[1]), (std::vector<std::string>{"seed=1", "optimizer.lr=0.001", "optimizer.name=\"adam\""}));
  EXPECT_EQ(param_texts(sweep.points[3]), (std::vector<std::string>{"seed=2", "optimizer.lr=0.001", "optimizer.name=\"adam\""}));
  EXPECT_EQ(sweep.points[1].params[1].origin, "sweep.yaml:25 (sweep.points)");
}

TEST_F(GridAndPoints, CommandLineSweepExtendsFileGrid) {
  const auto sweep = expand("sweep:\n  grid:\n    seed: [1, 2]\n", {"optimizer.lr=0.1,0.01,0.001"});
  ASSERT_EQ(sweep.points.size(), 6u);
  EXPECT_EQ(param_texts(sweep.points[1]), (std::vector<std::string>{"seed=1", "optimizer.lr=0.01"}));
  EXPECT_EQ(param_texts(sweep.points[3]), (std::vector<std::string>{"seed=2", "optimizer.lr=0.1"}));
  EXPECT_EQ(sweep.points[1].params[1].origin, "command line (override 1)");
}

TEST_F(GridAndPoints, CommandLineSweepWithoutSection) {
  const auto sweep = expand("", {"seed=1,2", "training.epochs=2"});
  EXPECT_TRUE(sweep.is_sweep);
  ASSERT_EQ(sweep.points.size(), 2u);
  // Plain overrides come first in params; they apply to every point.
  EXPECT_EQ(param_texts(sweep.points[1]), (std::vector<std::string>{"training.epochs=2", "seed=2"}));
}

TEST_F(GridAndPoints, CommandLineReplacesOrPinsFileAxis) {
  const auto replaced = expand(kGrid222, {"model.depth=8,16,32"});
  ASSERT_EQ(replaced.points.size(), 12u);
  EXPECT_EQ(replaced.points[1].config_json["model"]["depth"], 8);
  EXPECT_EQ(replaced.points[2].config_json["model"]["depth"], 16);

  const auto pinned = expand(kGrid222, {"seed=9"});
  ASSERT_EQ(pinned.points.size(), 4u);
  for (const auto& point : pinned.points) EXPECT_EQ(point.config_json["seed"], 9);
  EXPECT_EQ(pinned.points[0].params[2].origin, "command line (override 1)");
}

TEST_F(GridAndPoints, AddPrefixInGrid) {
  const auto sweep = expand("sweep:\n  grid:\n    +optimizer.momentum: [0.0, 0.9]\n");
  ASSERT_EQ(sweep.points.size(), 2u);
  EXPECT_EQ(sweep.points[1].config_json["optimizer"]["momentum"], 0.9);
}

TEST_F(GridAndPoints, ListValuesInGrid) {
  const auto sweep = expand("sweep:\n  grid:\n    data.mean: [[0.5], [0.25]]\n", {"+data.mean=[0.1]"});
  ASSERT_EQ(sweep.points.size(), 2u);
  EXPECT_EQ(sweep.points[1].config_json["data"]["mean"], nlohmann::json::array({0.25}));
}

TEST_F(GridAndPoints, SweptPathMustExist) {
  const std::string message = error_of("sweep:\n  grid:\n    model.widht: [32, 64]\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:22:5: sweep.grid.model.widht: path 'model.widht' not found"));
  EXPECT_THAT(message, HasSubstr("did you mean 'model.width'?"));
}

TEST_F(GridAndPoints, SweptPathMayBeAddedByOverride) {
  const auto sweep = expand("sweep:\n  grid:\n    optimizer.momentum: [0.5, 0.9]\n", {"+optimizer.momentum=0.0"});
  ASSERT_EQ(sweep.points.size(), 2u);
  EXPECT_EQ(sweep.points[0].config_json["optimizer"]["momentum"], 0.5);
}

TEST_F(GridAndPoints, ExplicitPointPathMustExist) {
  const std::string message = error_of("sweep:\n  points:\n    - {optimizer.lr: 0.1}\n    - {optimizer.learning_rate: 0.2}\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:23:8: sweep.points[1].optimizer.learning_rate: path 'optimizer.learning_rate' not found"));
  EXPECT_THAT(message, HasSubstr("did you mean 'optimizer.lr'?"));
}

TEST_F(GridAndPoints, EmptyGridListIsError) {
  const std::string message = error_of("sweep:\n  grid:\n    seed: []\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:22:11: sweep.grid.seed: empty list"));
}

TEST_F(GridAndPoints, GridValueMustBeList) {
  const std::string message = error_of("sweep:\n  grid:\n    seed: 3\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:22:11: sweep.grid.seed: must be a list of values"));
  EXPECT_THAT(message, HasSubstr("write [3]"));
}

TEST_F(GridAndPoints, UnknownSectionKeyIsError) {
  const std::string message = error_of("sweep:\n  grids:\n    seed: [1]\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:21:3: sweep.grids: unknown key"));
  EXPECT_THAT(message, HasSubstr("did you mean 'grid'?"));
}

TEST_F(GridAndPoints, EmptySweepSectionIsError) {
  EXPECT_THAT(error_of("sweep: {}\n"), HasSubstr("sweep.yaml:20:1: sweep: must be a non-empty mapping"));
  EXPECT_THAT(error_of("sweep:\n  points: []\n"), HasSubstr("sweep.yaml:21:11: sweep.points: must be a non-empty list"));
}

TEST_F(GridAndPoints, RemovalInSweepIsError) {
  const std::string message = error_of("sweep:\n  grid:\n    ~seed: [1]\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:22:5: sweep.grid.~seed: a sweep cannot remove a key"));
}

TEST_F(GridAndPoints, PathInTwoFormsIsError) {
  const std::string message = error_of("sweep:\n  grid:\n    seed: [1, 2]\n  points:\n    - {seed: 3}\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:24:8: sweep.points[0].seed: path 'seed' is also swept at sweep.yaml:22 (sweep.grid)"));
}

TEST_F(GridAndPoints, OverrideOfExplicitPointPathIsError) {
  const std::string message = error_of("sweep:\n  points:\n    - {seed: 3}\n", {"seed=4"});
  EXPECT_THAT(message, HasSubstr("command line override 1 'seed=4': path 'seed' is also swept at sweep.yaml:22 (sweep.points)"));
}

TEST_F(GridAndPoints, DuplicatePointsNameBothIndexes) {
  const std::string message = error_of("sweep:\n  grid:\n    seed: [1, 2, 1]\n");
  EXPECT_THAT(message, HasSubstr("sweep.yaml:20:1: sweep: points 0 and 2 have the same config"));
}

TEST_F(GridAndPoints, SameValueAsFileIsDuplicate) {
  // seed 7 is the file's own value, so the explicit point and the unchanged config coincide.
  const std::string message = error_of("sweep:\n  points:\n    - {seed: 7}\n    - {optimizer.lr: 0.1}\n");
  EXPECT_THAT(message, HasSubstr("points 0 and 1 have the same config"));
  EXPECT_THAT(message, HasSubstr("Point 0 sets seed=7, and point 1 sets optimizer.lr=0.1"));
}

TEST_F(GridAndPoints, DuplicateFromCommandLineNamesFile) {
  // 0.1 and 0.10 are the same number, so the two points have the same config.
  const std::string message = error_of("", {"optimizer.lr=0.1,0.10"});
  EXPECT_THAT(message, HasSubstr("sweep.yaml: sweep: points 0 and 1 have the same config"));
}

TEST_F(GridAndPoints, TooManyPointsIsError) {
  const std::string message = error_of("", {"seed=1,2,3,4,5,6,7,8,9,10", "training.epochs=1,2,3,4,5,6,7,8,9,10",
                                            "model.width=1,2,3,4,5,6,7,8,9,10", "model.depth=1,2,3,4,5,6,7,8,9,10,11"});
  EXPECT_THAT(message, HasSubstr("more than 10000 points"));
}

}  // namespace
}  // namespace runner::testing
