#include "runner/language/word2vec_negative_sampling_task.h"

#include <algorithm>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <torch/torch.h>

#include "runner/language/word2vec_negative_sampling_loss.h"
#include "runner/language/word2vec_sampling.h"
#include "runner/language/word2vec_trainer.h"
#include "runner/language/word2vec_update.h"
#include "runner/language/word2vec_windows.h"
#include "runner/random_streams.h"

namespace runner::language {

namespace {

// Random streams of this task, derived from the run seed.
constexpr std::string_view kHeldOutNegativesStream = "held_out_negatives";
constexpr std::string_view kTrainNegativesStream = "negatives";
constexpr std::string_view kWord2VecWorkersStream = "word2vec_workers";

class NegativeSamplingModelImpl : public torch::nn::Module {
 public:
  NegativeSamplingModelImpl(int64_t vocabulary, int64_t dim) {
    // word2vec's initialisation: input vectors uniform in +-0.5 / dim and output vectors 0. The
    // first step therefore moves only output vectors, because dL/dh is a sum of output rows.
    const double scale = 0.5 / static_cast<double>(dim);
    input_vectors = register_parameter("input_vectors", torch::empty({vocabulary, dim}).uniform_(-scale, scale));
    output_vectors = register_parameter("output_vectors", torch::zeros({vocabulary, dim}));
  }

  torch::Tensor input_vectors;   // (vocabulary, dim): the embedding written to embedding.vec
  torch::Tensor output_vectors;  // (vocabulary, dim)
};
TORCH_MODULE(NegativeSamplingModel);

// The training counts without the unknown token, which negative sampling neither trains on nor
// draws as a negative, as word2vec ignores words below its min count.
std::vector<int64_t> counts_without_unknown(const TokenCorpus& corpus) {
  std::vector<int64_t> counts = corpus.counts;
  if (corpus.unknown_id >= 0 && corpus.unknown_id < static_cast<int64_t>(counts.size())) {
    counts[static_cast<size_t>(corpus.unknown_id)] = 0;
  }
  return counts;
}

std::vector<int32_t> tokens_without_unknown(const TokenCorpus& corpus) {
  std::vector<int32_t> tokens;
  if (!corpus.train.defined()) return tokens;
  const torch::Tensor ids = corpus.train.to(torch::kInt64).contiguous();
  const int64_t* data = ids.data_ptr<int64_t>();
  tokens.reserve(static_cast<size_t>(ids.numel()));
  for (int64_t i = 0; i < ids.numel(); ++i) {
    if (data[i] != corpus.unknown_id) tokens.push_back(static_cast<int32_t>(data[i]));
  }
  return tokens;
}

class Word2VecNegativeSamplingTask : public SelfUpdatingTask {
 public:
  Word2VecNegativeSamplingTask(const Word2VecConfig& config, const TaskInputs& inputs)
      : config_(config),
        inputs_(inputs),
        model_(inputs.corpus->vocabulary_size, config.embedding_dim),
        train_negatives_(derive_seed(inputs.seed, kTrainNegativesStream)),
        held_out_seed_(derive_seed(inputs.seed, kHeldOutNegativesStream)) {}

  std::string type() const override { return task_type(config_.architecture); }
  torch::nn::Module& module() override { return *model_; }
  bool loss_is_cross_entropy() const override { return false; }

  int64_t positions(Split split) const override { return window_positions(tokens(split), config_.context); }

  // CBOW makes one example per window: the mean of the context vectors predicts the centre word.
  // Skip-gram makes 2 * context examples per window: the centre word predicts each context word.
  torch::Tensor loss(Split split, const torch::Tensor& positions) override {
    const WindowBatch batch = window_batch(tokens(split), positions, config_.context, torch::kCPU);
    const torch::Tensor targets = (cbow() ? batch.centre : batch.context.flatten()).contiguous();  // (examples,)
    const torch::Tensor negatives = draw_negatives(split, positions, targets);  // (examples, negatives)
    if (!torch::GradMode::is_enabled()) {
      // Evaluation computes the same loss on the float rows directly: the dozens of small LibTorch
      // operations of the other path spend most of their time starting and stopping OpenMP threads.
      return torch::scalar_tensor(mean_loss_on_rows(batch, targets, negatives));
    }

    torch::Tensor hidden;  // (examples, dim)
    if (cbow()) {
      const int64_t windows = batch.context.size(0);
      hidden = model_->input_vectors.index_select(0, batch.context.flatten())
                   .view({windows, 2 * config_.context, config_.embedding_dim})
                   .mean(1);
    } else {
      hidden = model_->input_vectors.index_select(0, batch.centre.repeat_interleave(2 * config_.context));
    }
    return negative_sampling_loss(hidden, model_->output_vectors, targets, negatives);
  }

  std::optional<torch::Tensor> embedding() const override {
    return model_->input_vectors.detach().to(torch::kCPU, torch::kFloat32).clone();
  }

  void set_embedding(const torch::Tensor& weights, bool freeze) override {
    copy_embedding(model_->input_vectors, weights, freeze);
  }

  void check_schedule(const SelfUpdateSchedule& schedule) const override {
    if (schedule.optimizer_name != "sgd") {
      throw std::invalid_argument(fmt::format(
          "optimizer.name: negative sampling trains with word2vec's plain SGD update, so it needs "
          "optimizer.name: sgd, got '{}'. Set optimizer: {{name: sgd, lr: 0.025}}, word2vec's skip-gram "
          "rate, or 0.05 for CBOW",
          schedule.optimizer_name));
    }
    if (!model_->input_vectors.requires_grad()) {
      throw std::invalid_argument(
          "init_embedding.freeze: negative sampling trains the input vectors, so they cannot be frozen. "
          "Set freeze: false");
    }
    if (schedule.total_steps < 1 || schedule.batch_size < 1 || schedule.threads < 1) {
      throw std::invalid_argument(fmt::format("training: negative sampling needs steps, batch_size and threads >= 1, "
                                              "got {}, {} and {}",
                                              schedule.total_steps, schedule.batch_size, schedule.threads));
    }
  }

  void start_training(const SelfUpdateSchedule& schedule) override {
    check_schedule(schedule);
    trainer_.emplace(config_, tokens_without_unknown(*inputs_.corpus), counts_without_unknown(*inputs_.corpus),
                     derive_seed(inputs_.seed, kWord2VecWorkersStream));
    batch_size_ = schedule.batch_size;
    trainer_->start({schedule.total_steps * schedule.batch_size, schedule.learning_rate, schedule.threads});
  }

  double train_steps(int64_t steps) override {
    if (!trainer_) throw std::logic_error("train_steps called before start_training");
    torch::NoGradGuard no_grad;
    const EmbeddingRows rows{model_->input_vectors.data_ptr<float>(), model_->output_vectors.data_ptr<float>(),
                             config_.embedding_dim};
    return trainer_->train(steps * batch_size_, rows);
  }

  double learning_rate() const override { return trainer_ ? trainer_->learning_rate() : 0.0; }

 private:
  const torch::Tensor& tokens(Split split) const {
    return split == Split::kTrain ? inputs_.corpus->train : inputs_.corpus->held_out;
  }

  bool cbow() const { return config_.architecture == Word2VecArchitecture::kCbow; }

  // negative_sampling_loss() without LibTorch operations, for evaluation.
  double mean_loss_on_rows(const WindowBatch& batch, const torch::Tensor& targets,
                           const torch::Tensor& negatives) const {
    const int64_t dim = config_.embedding_dim;
    const int64_t width = 2 * config_.context;
    const float* input = model_->input_vectors.data_ptr<float>();
    const float* output = model_->output_vectors.data_ptr<float>();
    const torch::Tensor centres = batch.centre.contiguous();
    const torch::Tensor contexts = batch.context.contiguous();
    const int64_t* centre_ids = centres.data_ptr<int64_t>();
    const int64_t* context_ids = contexts.data_ptr<int64_t>();
    const int64_t* target_ids = targets.data_ptr<int64_t>();
    const int64_t* negative_ids = negatives.data_ptr<int64_t>();

    std::vector<float> mean(static_cast<size_t>(dim));
    double sum = 0.0;
    const int64_t examples = targets.size(0);
    for (int64_t example = 0; example < examples; ++example) {
      const float* hidden = nullptr;  // (dim,)
      if (cbow()) {
        std::fill(mean.begin(), mean.end(), 0.0f);
        for (int64_t i = 0; i < width; ++i) {
          add_scaled(mean.data(), input + context_ids[example * width + i] * dim, 1.0f / static_cast<float>(width), dim);
        }
        hidden = mean.data();
      } else {
        hidden = input + centre_ids[example / width] * dim;
      }
      sum += negative_log_sigmoid(dot(hidden, output + target_ids[example] * dim, dim));
      for (int64_t k = 0; k < config_.negatives; ++k) {
        sum += negative_log_sigmoid(-dot(hidden, output + negative_ids[example * config_.negatives + k] * dim, dim));
      }
    }
    return examples > 0 ? sum / static_cast<double>(examples) : 0.0;
  }

  const NegativeSampler& sampler() {
    if (!sampler_) sampler_.emplace(counts_without_unknown(*inputs_.corpus), config_.negative_power);
    return *sampler_;
  }

  // (examples, negatives) int64. Held out: each window's negatives come from a generator seeded by
  // its position, so they do not depend on the batch. Training: one generator for the whole run.
  torch::Tensor draw_negatives(Split split, const torch::Tensor& positions, const torch::Tensor& targets) {
    const int64_t examples = targets.size(0);
    const int64_t per_window = examples / positions.size(0);
    torch::Tensor negatives = torch::empty({examples, config_.negatives}, torch::kInt64);
    const torch::Tensor target_ids = targets.contiguous();
    const torch::Tensor window_starts = positions.to(torch::kInt64).contiguous();

    std::mt19937_64 held_out_generator;
    for (int64_t example = 0; example < examples; ++example) {
      std::mt19937_64* generator = &train_negatives_;
      if (split == Split::kHeldOut) {
        if (example % per_window == 0) {
          const auto position = static_cast<uint64_t>(window_starts.data_ptr<int64_t>()[example / per_window]);
          held_out_generator.seed(held_out_seed_ + position * 0x9e3779b97f4a7c15ULL);
        }
        generator = &held_out_generator;
      }
      sampler().draw(target_ids.data_ptr<int64_t>()[example], negatives.data_ptr<int64_t>() + example * config_.negatives,
                     config_.negatives, *generator);
    }
    return negatives;
  }

  Word2VecConfig config_;
  TaskInputs inputs_;
  // NOTE: the vectors stay on the CPU even when the run's device is a GPU, because the
  // hand-written update runs on the CPU.
  NegativeSamplingModel model_;
  std::optional<NegativeSampler> sampler_;
  std::mt19937_64 train_negatives_;
  uint64_t held_out_seed_ = 0;
  std::optional<NegativeSamplingTrainer> trainer_;
  int64_t batch_size_ = 0;
};

}  // namespace

std::unique_ptr<LanguageTask> make_word2vec_negative_sampling_task(const Word2VecConfig& config,
                                                                   const TaskInputs& inputs) {
  return std::make_unique<Word2VecNegativeSamplingTask>(config, inputs);
}

}  // namespace runner::language
