#include "runner/train/checkpoint.h"

#include <unistd.h>

#include <mutex>

#include <fmt/format.h>
#include <torch/serialize.h>

namespace runner::train {

namespace {

// Bumped when the layout below changes, so an old file is rejected with a clear message.
constexpr int64_t kCheckpointFormat = 1;

// Saves through a temporary file in the same folder; rename() within one file system is atomic.
void save_atomically(torch::serialize::OutputArchive& archive, const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  const auto temporary = file.parent_path() / fmt::format(".{}.{}.tmp", file.filename().string(), ::getpid());
  try {
    archive.save_to(temporary.string());
    std::filesystem::rename(temporary, file);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

at::Tensor generator_state(at::Generator generator) {
  // Generators are shared objects; their own mutex guards a read against a concurrent draw.
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

// c10::Error's what() appends a C++ backtrace that means nothing to a user; keep its first message.
std::string short_message(const std::exception& error) {
  if (const auto* torch_error = dynamic_cast<const c10::Error*>(&error)) return torch_error->what_without_backtrace();
  return error.what();
}

void restore_generator(at::Generator generator, const at::Tensor& state) {
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state);
}

}  // namespace

void save_checkpoint(const std::filesystem::path& file, int64_t epoch, const TrainingState& state) {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(kCheckpointFormat));
  archive.write("epoch", c10::IValue(epoch));

  torch::serialize::OutputArchive model;
  state.model.save(model);
  archive.write("model", model);

  torch::serialize::OutputArchive optimizer;
  state.optimizer.save(optimizer);
  archive.write("optimizer", optimizer);

  torch::serialize::OutputArchive generators;
  for (const auto& named : state.generators) {
    generators.write(named.name, generator_state(named.generator), /*is_buffer=*/true);
  }
  archive.write("generators", generators);

  save_atomically(archive, file);
}

int64_t load_checkpoint(const std::filesystem::path& file, const TrainingState& state) {
  if (!std::filesystem::exists(file)) {
    throw CheckpointError(fmt::format("checkpoint file {} not found", file.string()));
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file.string());
  } catch (const std::exception& error) {
    throw CheckpointError(fmt::format("cannot read checkpoint file {}: it is damaged or not a runner checkpoint ({})",
                                      file.string(), short_message(error)));
  }

  // Every read below names the part that failed: a file from another model or optimizer fails here.
  std::string part = "format";
  try {
    c10::IValue value;
    archive.read("format", value);
    if (value.toInt() != kCheckpointFormat) {
      throw CheckpointError(fmt::format("checkpoint file {} has format {}, this runner reads format {}",
                                        file.string(), value.toInt(), kCheckpointFormat));
    }
    part = "epoch";
    archive.read("epoch", value);
    const int64_t epoch = value.toInt();

    part = "model";
    torch::serialize::InputArchive model;
    archive.read("model", model);
    state.model.load(model);

    part = "optimizer";
    torch::serialize::InputArchive optimizer;
    archive.read("optimizer", optimizer);
    state.optimizer.load(optimizer);

    torch::serialize::InputArchive generators;
    archive.read("generators", generators);
    for (const auto& named : state.generators) {
      part = "generator " + named.name;
      at::Tensor saved;
      generators.read(named.name, saved, /*is_buffer=*/true);
      restore_generator(named.generator, saved);
    }
    return epoch;
  } catch (const CheckpointError&) {
    throw;
  } catch (const std::exception& error) {
    throw CheckpointError(fmt::format("checkpoint file {} has a missing or mismatched {}: {}", file.string(), part,
                                      short_message(error)));
  }
}

void save_weights(const std::filesystem::path& file, torch::nn::Module& model) {
  torch::serialize::OutputArchive archive;
  model.save(archive);
  save_atomically(archive, file);
}

}  // namespace runner::train
