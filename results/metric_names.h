// The standard metric names. The epochs and run_summary views turn exactly these names into columns,
// so a trainer that logs them under other names leaves those columns NULL.
#pragma once

namespace runner::results {

inline constexpr const char* kTrainLoss = "train_loss";
inline constexpr const char* kTestLoss = "test_loss";
inline constexpr const char* kTrainAccuracy = "train_accuracy";
inline constexpr const char* kTestAccuracy = "test_accuracy";
inline constexpr const char* kEpochSeconds = "seconds";  // wall-clock time of the epoch
inline constexpr const char* kImagesPerSecond = "images_per_second";
inline constexpr const char* kLearningRate = "learning_rate";
// Language runs evaluate on a held-out slice of their corpus rather than a test set.
inline constexpr const char* kHeldOutLoss = "held_out_loss";
inline constexpr const char* kPerplexity = "perplexity";  // exp(held_out_loss), for a softmax loss only

}  // namespace runner::results
