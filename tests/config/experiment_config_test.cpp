#include <gtest/gtest.h>

#include <cmath>

#include "config_test_util.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

TEST(ExperimentConfig, ValidConfigFillsDefaults) {
  const auto config = parse(kValidConfig);
  EXPECT_EQ(config.name, "unit");
  EXPECT_EQ(config.seed, 7u);
  EXPECT_EQ(config.device, "auto");
  EXPECT_EQ(config.data.dataset, "fashion_mnist");
  EXPECT_EQ(config.data.batch_size, 32);
  EXPECT_EQ(config.data.test_batch_size, 1000);
  EXPECT_EQ(config.data.normalize.mode, "dataset");
  EXPECT_EQ(config.optimizer.name, "sgd");
  EXPECT_DOUBLE_EQ(config.optimizer.lr, 0.1);
  EXPECT_DOUBLE_EQ(config.optimizer.momentum, 0.9);
  EXPECT_FALSE(config.optimizer.nesterov);
  EXPECT_EQ(config.loss.name, "cross_entropy");
  EXPECT_EQ(config.training.epochs, 5);
  EXPECT_TRUE(config.training.train_accuracy);
  EXPECT_DOUBLE_EQ(config.label_noise_rate, 0.0);
  EXPECT_EQ(config.results_database, "results/runs.db");
}

TEST(ExperimentConfig, ResolvedJsonHoldsDefaults) {
  const auto config = parse(kValidConfig);
  const auto& resolved = config.root.resolved();
  EXPECT_EQ(resolved.at("data").at("test_batch_size"), 1000);
  EXPECT_EQ(resolved.at("optimizer").at("nesterov"), false);
  EXPECT_EQ(resolved.at("training").at("epochs"), 5);
  EXPECT_EQ(resolved.at("label_noise").at("rate"), 0.0);
  EXPECT_EQ(resolved.at("results").at("database"), "results/runs.db");
}

TEST(ExperimentConfig, ResolvedJsonParsesAgain) {
  const auto first = parse(kValidConfig);
  const auto second = parse(first.root.resolved().dump());
  EXPECT_EQ(second.root.resolved().dump(), first.root.resolved().dump());
}

TEST(ExperimentConfig, TinyDoubleSurvivesRoundTrip) {
  const auto first = parse(replace_once(kValidConfig, "lr: 0.1", "lr: 1e-7"));
  const auto second = parse(first.root.resolved().dump());
  EXPECT_EQ(second.optimizer.lr, 1e-7);
}

TEST(ConfigErrors, YamlSyntaxGivesLineAndColumn) {
  const auto message = config_error_of("name: a\nseed: 2\ndata: path: x\n");
  EXPECT_THAT(message, HasSubstr("test.yaml:3:11:"));
  EXPECT_THAT(message, HasSubstr("invalid YAML syntax"));
}

TEST(ConfigErrors, DuplicateKeyNamesBothLines) {
  const auto message = config_error_of(replace_once(kValidConfig, "  lr: 0.1\n", "  lr: 0.1\n  lr: 0.2\n"));
  EXPECT_THAT(message, HasSubstr("optimizer.lr"));
  EXPECT_THAT(message, HasSubstr("given twice"));
  EXPECT_THAT(message, HasSubstr("lines 9 and 10"));
}

TEST(ConfigErrors, DuplicateKeyInsideLayerIsFound) {
  const auto message = config_error_of(
      replace_once(kValidConfig, "{type: linear, out_features: 10}", "{type: linear, out_features: 10, out_features: 5}"));
  EXPECT_THAT(message, HasSubstr("model.layers[1].out_features"));
  EXPECT_THAT(message, HasSubstr("given twice"));
}

TEST(ConfigErrors, UnknownKeySuggestsClosest) {
  const auto message = config_error_of(replace_once(kValidConfig, "  lr: 0.1", "  lrr: 0.1"));
  EXPECT_THAT(message, HasSubstr("test.yaml:9:3: optimizer.lrr: unknown key"));
  EXPECT_THAT(message, HasSubstr("did you mean 'lr'?"));
}

TEST(ConfigErrors, UnknownTopLevelSection) {
  const auto message = config_error_of(std::string(kValidConfig) + "trainig:\n  epochs: 3\n");
  EXPECT_THAT(message, HasSubstr("trainig: unknown key"));
  EXPECT_THAT(message, HasSubstr("did you mean 'training'?"));
}

TEST(ConfigErrors, UnknownOptimizerListsNames) {
  const auto message = config_error_of(replace_once(kValidConfig, "name: sgd", "name: adamm"));
  EXPECT_THAT(message, HasSubstr("optimizer.name: unknown value 'adamm'"));
  EXPECT_THAT(message, HasSubstr("did you mean 'adam'?"));
  EXPECT_THAT(message, HasSubstr("valid names: sgd, adam, adamw"));
}

TEST(ConfigErrors, UnknownDatasetListsNames) {
  const auto message = config_error_of(replace_once(kValidConfig, "fashion_mnist", "cifar100"));
  EXPECT_THAT(message, HasSubstr("data.dataset: unknown value 'cifar100'"));
  EXPECT_THAT(message, HasSubstr("valid names: mnist, fashion_mnist, cifar10"));
}

TEST(ConfigErrors, WrongTypeNamesKeyPath) {
  const auto message = config_error_of(replace_once(kValidConfig, "lr: 0.1", "lr: fast"));
  EXPECT_THAT(message, HasSubstr("test.yaml:9:7: optimizer.lr: must be a number, got 'fast'"));
}

TEST(ConfigErrors, QuotedNumberIsRejected) {
  const auto message = config_error_of(replace_once(kValidConfig, "batch_size: 32", "batch_size: '32'"));
  EXPECT_THAT(message, HasSubstr("data.batch_size: must be an integer, got the string '32'"));
}

TEST(ConfigErrors, FractionalIntegerIsRejected) {
  const auto message = config_error_of(replace_once(kValidConfig, "batch_size: 32", "batch_size: 32.5"));
  EXPECT_THAT(message, HasSubstr("data.batch_size: must be an integer, got '32.5'"));
}

TEST(ConfigErrors, OutOfRangeNamesRuleAndValue) {
  const auto message = config_error_of(replace_once(kValidConfig, "lr: 0.1", "lr: -0.5"));
  EXPECT_THAT(message, HasSubstr("optimizer.lr: must be > 0, got -0.5"));
}

TEST(ConfigErrors, LabelNoiseRateAboveOne) {
  const auto message = config_error_of(std::string(kValidConfig) + "label_noise:\n  rate: 1.5\n");
  EXPECT_THAT(message, HasSubstr("label_noise.rate: must be in [0, 1], got 1.5"));
}

TEST(ConfigErrors, MissingSectionIsNamed) {
  const auto message = config_error_of("name: x\nmodel:\n  layers: []\n");
  EXPECT_THAT(message, HasSubstr("data: missing required section"));
}

TEST(ConfigErrors, MissingRequiredValue) {
  const auto message = config_error_of(replace_once(kValidConfig, "  path: /data/fashion\n", ""));
  EXPECT_THAT(message, HasSubstr("data.path: missing required value"));
}

TEST(ConfigErrors, InvalidDevice) {
  const auto message = config_error_of(std::string(kValidConfig) + "device: gpu\n");
  EXPECT_THAT(message, HasSubstr("device: invalid device 'gpu'"));
  EXPECT_THAT(message, HasSubstr("use auto, cpu, cuda or cuda:N"));
}

TEST(ConfigErrors, NesterovNeedsMomentum) {
  const auto message = config_error_of(replace_once(kValidConfig, "momentum: 0.9", "nesterov: true"));
  EXPECT_THAT(message, HasSubstr("optimizer.nesterov: Nesterov momentum needs optimizer.momentum > 0"));
}

TEST(ConfigErrors, FixedNormalizationNeedsMatchingLengths) {
  const auto message = config_error_of(replace_once(
      kValidConfig, "  batch_size: 32\n", "  batch_size: 32\n  normalize: {mode: fixed, mean: [0.5], std: [0.2, 0.3]}\n"));
  EXPECT_THAT(message, HasSubstr("data.normalize.std: must have one value per channel"));
}

TEST(ConfigErrors, MissingFileNamesPath) {
  try {
    config::ConfigNode::parse_file("/nonexistent/experiment.yaml");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_THAT(std::string(error.what()), HasSubstr("/nonexistent/experiment.yaml"));
    EXPECT_THAT(std::string(error.what()), HasSubstr("not found"));
  }
}

}  // namespace
}  // namespace runner::testing

namespace runner::testing {
namespace {

TEST(ConfigErrors, MomentumUnderAdamNamesOptimizer) {
  std::string text = replace_once(kValidConfig, "name: sgd", "name: adam");
  const auto message = config_error_of(text);
  EXPECT_THAT(message, ::testing::HasSubstr("optimizer.momentum: applies only to optimizer.name: sgd, not adam"));
}

TEST(ConfigErrors, BetasUnderSgdNamesOptimizer) {
  const auto message = config_error_of(replace_once(kValidConfig, "momentum: 0.9", "betas: [0.9, 0.99]"));
  EXPECT_THAT(message, ::testing::HasSubstr("optimizer.betas: applies only to optimizer.name: adam or adamw, not sgd"));
}

}  // namespace
}  // namespace runner::testing
