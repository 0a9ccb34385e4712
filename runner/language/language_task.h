// The interface every language task implements (cbow, skipgram, ngram, lstm_lm, transformer_lm),
// and what the text experiment driver hands each one.
//
// The driver owns everything that is the same for every task: the corpus and its split, the
// optimizer, the step and epoch loops, gradient clipping, divergence checks, logging to the results
// database and the run directory. A task owns its model, how it turns positions in the token stream
// into a batch, and its loss. So a task never touches the optimizer, and the driver never builds a batch.
//
// Contract, in the order the driver calls it:
//   1. A factory (TaskFactory) reads the task's own keys from `task:` (every key except `type` and
//      `init_embedding`, which the driver reads), builds the model on inputs.device, and calls
//      check_unknown_keys(). The driver seeds LibTorch from derive_seed(seed, kInitStream) just
//      before, so the initial weights repeat. A factory must not train, and must accept a corpus
//      whose token streams are empty: `runner generate` rebuilds a model from the vocabulary alone.
//      The driver checks that each split has enough tokens through positions().
//   2. The driver may call set_embedding() (a stage's init_embedding), then builds the optimizer
//      over parameters(), which leaves out frozen tensors.
//   3. Each step: the driver draws `positions` (batch,) int64 in [0, positions(kTrain)) on the CPU,
//      calls loss(kTrain, positions), backward, clip, optimizer step.
//   4. Evaluation: loss(kHeldOut, positions) under torch::NoGradGuard, in eval mode, averaged over
//      fixed held-out positions.
//   5. At the end: save() to the run directory as model.pt, and embedding() for embedding.vec.
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/config/config_node.h"

namespace runner::language {

// A tokenized corpus as ids of one vocabulary, split into a training part and a held-out part.
// Both streams are contiguous runs of the corpus, so a window never straddles the split.
struct TokenCorpus {
  torch::Tensor train;     // (train_tokens,) int64 on the CPU
  torch::Tensor held_out;  // (held_out_tokens,) int64 on the CPU; may be empty
  int64_t vocabulary_size = 0;
  std::vector<std::string> words;  // (vocabulary_size,) the word of each id, for embedding.vec
  // How often each id occurs in the training part: (vocabulary_size,). For a unigram table,
  // subsampling, or a unigram baseline.
  std::vector<int64_t> counts;
  int64_t unknown_id = 0;       // id of the unknown token
  int64_t sentence_end_id = 0;  // id of "." (the lecture pads short prompts with it)
};

enum class Split { kTrain, kHeldOut };

// Inputs the driver passes to a task factory.
struct TaskInputs {
  std::shared_ptr<const TokenCorpus> corpus;
  torch::Device device = torch::kCPU;
  // The run seed. Derive one stream per purpose with runner::derive_seed(seed, name): kInitStream for
  // the initial weights, and a name of the task's own for anything else it draws (e.g. "negatives").
  uint64_t seed = 0;
};

class LanguageTask {
 public:
  virtual ~LanguageTask() = default;

  // The task's type as written in `task.type`, and as stored in runs.task.
  virtual std::string type() const = 0;

  // The module that contains every weight. Saving, loading, train() and eval() go through it.
  virtual torch::nn::Module& module() = 0;

  // The tensors the optimizer updates: every parameter except frozen ones.
  virtual std::vector<torch::Tensor> parameters();

  // The number of examples (windows) in `split`. Valid positions are [0, positions(split)).
  // 0 when the split is too short for one window.
  virtual int64_t positions(Split split) const = 0;

  // The mean loss over the examples that start at `positions` (batch,) int64 in `split`: a scalar
  // tensor on the task's device. With gradients when called for training.
  virtual torch::Tensor loss(Split split, const torch::Tensor& positions) = 0;

  // True when loss() is the cross-entropy of a softmax over the whole vocabulary, so that
  // exp(held-out loss) is a perplexity. False for negative sampling.
  virtual bool loss_is_cross_entropy() const = 0;

  // The input embedding: (vocabulary_size, dim) float on the CPU, or std::nullopt when the task has
  // none.
  virtual std::optional<torch::Tensor> embedding() const { return std::nullopt; }

  // Copies `weights` (vocabulary_size, dim) into the input embedding and, when `freeze` is true,
  // stops training it. Throws std::invalid_argument when the task has no embedding (the default)
  // or when the shapes differ, and the driver reports that as a ConfigError at `init_embedding`.
  // A task with an embedding implements this with copy_embedding().
  virtual void set_embedding(const torch::Tensor& weights, bool freeze);

  // Next-token prediction, for `runner generate`. context_length() is the number of previous tokens
  // the model reads (for an LSTM or transformer, the window it was trained on); 0 when the task
  // cannot generate.
  virtual int64_t context_length() const { return 0; }
  // Logits of the next token given `context` (batch, context_length()) int64: (batch, vocabulary).
  virtual torch::Tensor next_token_logits(const torch::Tensor& context);

  // Weights of module() as a LibTorch archive (model.pt).
  void save(const std::filesystem::path& file);
  void load(const std::filesystem::path& file);

 protected:
  // Copies `weights` into `embedding_weight` (both (vocabulary_size, dim)) without recording
  // gradients, and sets requires_grad to !freeze. Throws std::invalid_argument on a shape mismatch.
  static void copy_embedding(torch::Tensor& embedding_weight, const torch::Tensor& weights, bool freeze);
};

// Builds a task from its `task:` section. Throws ConfigError (with the key's location) for a bad
// value and DataError when the corpus cannot feed the task.
using TaskFactory =
    std::function<std::unique_ptr<LanguageTask>(const config::ConfigNode& task_section, const TaskInputs& inputs)>;

}  // namespace runner::language
