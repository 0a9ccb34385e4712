// Epoch-end checkpoints: everything a run needs to continue exactly where it stopped, in one file.
//
// A checkpoint holds the model's parameters and buffers, the optimizer's state (SGD momentum
// buffers, Adam and AdamW step counts and both moment estimates), the number of the last finished
// epoch, and the state of every random generator training draws from. Restoring all of it makes the
// remaining epochs bit-identical to an uninterrupted run on the same device and thread count.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

#include "runner/errors.h"

namespace runner::train {

inline constexpr const char* kCheckpointFileName = "checkpoint.pt";
inline constexpr const char* kFinalWeightsFileName = "model.pt";

// A missing, unreadable or incomplete checkpoint file: a data error, raised before a resumed run's
// row changes, so the run stays as it was. The message names the file.
class CheckpointError : public DataError {
 public:
  using DataError::DataError;
};

// One random generator under the name it is saved as. at::Generator is a handle, so restoring the
// state through this copy changes the generator that training draws from.
struct NamedGenerator {
  std::string name;
  at::Generator generator;
};

// The live objects a checkpoint saves from and restores into.
struct TrainingState {
  torch::nn::Module& model;
  torch::optim::Optimizer& optimizer;
  std::vector<NamedGenerator> generators;
};

// Writes the state after `epoch` finished to `file`, atomically: a temporary file in the same folder
// is renamed over `file`, so a process killed while writing leaves the previous checkpoint intact.
// NOTE: nothing calls fsync, so a power cut (not a killed process) can still lose the newest file.
void save_checkpoint(const std::filesystem::path& file, int64_t epoch, const TrainingState& state);

// Restores `state` from `file` and returns the epoch it was saved after. Throws CheckpointError when
// the file is missing, is not a checkpoint, or lacks a part that `state` needs (a generator, the
// optimizer state); the model and optimizer must be built from the same config as when it was saved.
int64_t load_checkpoint(const std::filesystem::path& file, const TrainingState& state);

// Writes the model's parameters and buffers alone (model.pt), atomically like save_checkpoint.
// torch::load(module, file) reads it back.
void save_weights(const std::filesystem::path& file, torch::nn::Module& model);

}  // namespace runner::train
