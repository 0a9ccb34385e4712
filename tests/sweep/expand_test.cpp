// Whole expansions: a real config from configs/, definition hashes, and what each point carries.
#include "sweep_test_util.h"

#include <fstream>
#include <set>
#include <sstream>

#include "runner/config/config_node.h"
#include "runner/config/experiment_config.h"
#include "runner/sweep/hash128.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

using Expand = SweepFiles;

const std::vector<std::string> kDatasets = {"mnist", "fashion_mnist", "cifar10"};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

TEST_F(Expand, RealConfigPointsParseAsExperiments) {
  const std::string quickstart = read_text(std::filesystem::path(RUNNER_SOURCE_DIR) / "configs/quickstart.yaml");
  ASSERT_FALSE(quickstart.empty());
  const auto file = write("quickstart_sweep.yaml", quickstart + R"(
sweep:
  grid:
    optimizer.lr: [0.001, 1e-7]
    model.layers[0].out_channels: [6, 8]
)");
  const auto sweep = sweep::expand(file, {"training.epochs=1", "+augmentation.hflip=0.5"});
  EXPECT_EQ(sweep.name, "quickstart");
  ASSERT_EQ(sweep.points.size(), 4u);

  const std::vector<double> lrs = {0.001, 0.001, 1e-7, 1e-7};
  const std::vector<int> channels = {6, 8, 6, 8};
  for (size_t i = 0; i < sweep.points.size(); ++i) {
    const auto& point = sweep.points[i];
    const auto root = config::ConfigNode::parse_string(point.config_yaml, "point.yaml");
    const auto experiment = config::parse_experiment(root, kDatasets);
    EXPECT_EQ(experiment.name, "quickstart");
    EXPECT_EQ(experiment.optimizer.lr, lrs[i]) << "point " << i;
    EXPECT_EQ(experiment.training.epochs, 1);
    EXPECT_EQ(experiment.augmentation.hflip, 0.5);
    EXPECT_EQ(experiment.data.dataset, "fashion_mnist");
    EXPECT_EQ(point.config_json["model"]["layers"][0]["out_channels"], channels[i]) << "point " << i;
    EXPECT_EQ(point.config_json["model"]["layers"][0]["kernel_size"], 5);
    EXPECT_FALSE(point.config_json.contains("sweep"));
  }
}

TEST_F(Expand, EveryZooConfigExpandsUnchanged) {
  // A config without a sweep section is one point whose JSON equals the file's own values.
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(RUNNER_SOURCE_DIR) / "configs/zoo")) {
    const auto sweep = sweep::expand(entry.path(), {});
    ASSERT_EQ(sweep.points.size(), 1u) << entry.path();
    EXPECT_FALSE(sweep.is_sweep);
    EXPECT_TRUE(sweep.points[0].params.empty());
    const auto original = config::ConfigNode::parse_file(entry.path());
    for (const auto& key : original.keys()) {
      EXPECT_EQ(sweep.points[0].config_json[key], original.as_written(key)) << entry.path() << " " << key;
    }
  }
}

TEST_F(Expand, ConfigHashIsHashOfJson) {
  const auto sweep = expand("", {"seed=1,2"});
  for (const auto& point : sweep.points) {
    EXPECT_EQ(point.config_hash, sweep::hash128_hex(point.config_json.dump()));
    EXPECT_EQ(point.config_hash.size(), 32u);
  }
  EXPECT_NE(sweep.points[0].config_hash, sweep.points[1].config_hash);
}

TEST_F(Expand, DefinitionHashStableAcrossRuns) {
  const std::string section = "sweep:\n  grid:\n    seed: [1, 2]\n";
  const auto first = expand(section, {"optimizer.lr=0.5"});
  const auto second = expand(section, {"optimizer.lr=0.5"});
  EXPECT_EQ(first.definition_hash, second.definition_hash);
  EXPECT_EQ(first.definition_json, second.definition_json);
  EXPECT_EQ(first.definition_hash, sweep::hash128_hex(first.definition_json.dump()));
}

TEST_F(Expand, DefinitionHashPinned) {
  // The definition of a stored sweep is found again by this hash in later releases.
  const auto file = write("pinned.yaml", "name: pinned\nseed: 1\nsweep:\n  grid:\n    seed: [1, 2]\n");
  EXPECT_EQ(sweep::expand(file, {}).definition_hash, "6e1a1cab0fb81ebc372fb427b4445ecb");
}

TEST_F(Expand, DefinitionHashChangesWithAnyValue) {
  const std::string section = "sweep:\n  grid:\n    seed: [1, 2]\n  random:\n    count: 2\n    seed: 3\n    params:\n"
                              "      optimizer.lr: {uniform: [0.01, 0.1]}\n";
  std::set<std::string> hashes;
  hashes.insert(expand(section).definition_hash);
  hashes.insert(expand(section, {"optimizer.name=adam"}).definition_hash);
  hashes.insert(expand(section, {"training.epochs=4"}).definition_hash);
  hashes.insert(expand(section, {"model.width=32,64"}).definition_hash);
  hashes.insert(expand(replace_once(section, "[1, 2]", "[1, 3]")).definition_hash);
  hashes.insert(expand(replace_once(section, "seed: 3", "seed: 4")).definition_hash);
  hashes.insert(expand(replace_once(section, "count: 2", "count: 3")).definition_hash);
  hashes.insert(expand(replace_once(section, "0.01, 0.1", "0.01, 0.2")).definition_hash);
  hashes.insert(expand(replace_once(section, "{uniform:", "{log_uniform:")).definition_hash);
  EXPECT_EQ(hashes.size(), 9u);
}

TEST_F(Expand, DefinitionHashIgnoresLayout) {
  const std::string section = "sweep:\n  grid:\n    seed: [1, 2]\n";
  const auto plain = expand(section);
  const auto commented = sweep::expand(write("commented.yaml", std::string("# comment\n") + kBaseConfig +
                                                                  "sweep:\n  grid:\n    seed:   [1,   2]   # seeds\n"),
                                       {});
  EXPECT_EQ(plain.definition_hash, commented.definition_hash);
}

TEST_F(Expand, GridOrderIsPartOfDefinition) {
  const auto width_first = expand("sweep:\n  grid:\n    model.width: [1, 2]\n    seed: [1, 2]\n");
  const auto seed_first = expand("sweep:\n  grid:\n    seed: [1, 2]\n    model.width: [1, 2]\n");
  EXPECT_NE(width_first.definition_hash, seed_first.definition_hash);
  EXPECT_EQ(width_first.points[1].config_json["seed"], 2);
  EXPECT_EQ(seed_first.points[1].config_json["model"]["width"], 2);
}

TEST_F(Expand, DefinitionJsonShape) {
  const auto sweep = expand("sweep:\n  grid:\n    seed: [1, 2]\n", {"optimizer.lr=0.5", "model.width=8,16"});
  const auto& definition = sweep.definition_json;
  EXPECT_EQ(definition["base"]["optimizer"]["lr"], 0.5);
  EXPECT_FALSE(definition["base"].contains("sweep"));
  ASSERT_EQ(definition["sweep"]["grid"].size(), 2u);
  EXPECT_EQ(definition["sweep"]["grid"][0]["path"], "seed");
  EXPECT_EQ(definition["sweep"]["grid"][1]["path"], "model.width");
  EXPECT_EQ(definition["sweep"]["grid"][1]["values"], nlohmann::json::array({8, 16}));
  EXPECT_TRUE(definition["sweep"]["random"].is_null());
}

TEST_F(Expand, SinglePointWithoutSweep) {
  const auto sweep = expand("");
  EXPECT_FALSE(sweep.is_sweep);
  ASSERT_EQ(sweep.points.size(), 1u);
  EXPECT_EQ(sweep.points[0].point_index, 0u);
  EXPECT_TRUE(sweep.points[0].params.empty());
  EXPECT_EQ(sweep.name, "unit");
}

TEST_F(Expand, InvalidYamlNamesFile) {
  const auto file = write("broken.yaml", "name: a\nseed: [1\n");
  try {
    sweep::expand(file, {});
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("broken.yaml:"));
    EXPECT_THAT(error.what(), HasSubstr("invalid YAML syntax"));
  }
}

}  // namespace
}  // namespace runner::testing
