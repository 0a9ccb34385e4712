// The `task:` keys of cbow and skipgram: defaults, and errors that name the key and the reason.
#include <string>

#include <gtest/gtest.h>

#include "runner/config/config_node.h"
#include "runner/errors.h"
#include "runner/language/word2vec_config.h"

namespace runner::language {
namespace {

config::ConfigNode task_yaml(const std::string& yaml) {
  const auto task = config::ConfigNode::parse_string(yaml, "task.yaml");
  task.get_string("type", std::nullopt);  // the driver reads `type`
  return task;
}

// The ConfigError message of parsing `yaml`, or "" when it parses.
std::string config_error(const std::string& yaml) {
  try {
    parse_word2vec_config(task_yaml(yaml), Word2VecArchitecture::kSkipGram);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(Word2VecConfig, DefaultsToLectureSoftmax) {
  const Word2VecConfig config = parse_word2vec_config(task_yaml("{type: cbow}"), Word2VecArchitecture::kCbow);
  EXPECT_EQ(config.architecture, Word2VecArchitecture::kCbow);
  EXPECT_EQ(config.loss, Word2VecLoss::kSoftmax);
  EXPECT_EQ(config.context, 5);
  EXPECT_EQ(config.embedding_dim, 100);
  EXPECT_EQ(config.label_smoothing, 0.0);
}

TEST(Word2VecConfig, ReadsNegativeSamplingKeys) {
  const Word2VecConfig config = parse_word2vec_config(
      task_yaml("{type: skipgram, loss: negative_sampling, context: 4, embedding_dim: 50, negatives: 7, "
                "negative_power: 0.5, subsample: 1.0e-5}"),
      Word2VecArchitecture::kSkipGram);
  EXPECT_EQ(config.loss, Word2VecLoss::kNegativeSampling);
  EXPECT_EQ(config.context, 4);
  EXPECT_EQ(config.embedding_dim, 50);
  EXPECT_EQ(config.negatives, 7);
  EXPECT_DOUBLE_EQ(config.negative_power, 0.5);
  EXPECT_DOUBLE_EQ(config.subsample, 1e-5);
}

TEST(Word2VecConfig, NegativesRejectedUnderSoftmax) {
  const std::string message = config_error("{type: skipgram, negatives: 5}");
  EXPECT_NE(message.find("task.yaml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("negatives"), std::string::npos) << message;
  EXPECT_NE(message.find("applies only to loss: negative_sampling"), std::string::npos) << message;
}

TEST(Word2VecConfig, LabelSmoothingRejectedUnderNegativeSampling) {
  const std::string message = config_error("{type: skipgram, loss: negative_sampling, label_smoothing: 0.1}");
  EXPECT_NE(message.find("applies only to loss: softmax"), std::string::npos) << message;
}

TEST(Word2VecConfig, UnknownKeySuggestsClosest) {
  const std::string message = config_error("{type: skipgram, contxt: 5}");
  EXPECT_NE(message.find("contxt"), std::string::npos) << message;
  EXPECT_NE(message.find("context"), std::string::npos) << message;
}

TEST(Word2VecConfig, UnknownLossListsChoices) {
  const std::string message = config_error("{type: skipgram, loss: hierarchical_softmax}");
  EXPECT_NE(message.find("negative_sampling"), std::string::npos) << message;
}

TEST(Word2VecConfig, RejectsOutOfRangeValues) {
  EXPECT_NE(config_error("{type: skipgram, context: 0}").find("context"), std::string::npos);
  EXPECT_NE(config_error("{type: skipgram, embedding_dim: 0}").find("embedding_dim"), std::string::npos);
  EXPECT_NE(config_error("{type: skipgram, loss: negative_sampling, negatives: 0}").find("negatives"),
            std::string::npos);
  EXPECT_NE(config_error("{type: skipgram, loss: negative_sampling, subsample: -1}").find("subsample"),
            std::string::npos);
  EXPECT_NE(config_error("{type: skipgram, loss: negative_sampling, negative_power: 1.5}").find("negative_power"),
            std::string::npos);
}

}  // namespace
}  // namespace runner::language
