// The machine a run executes on: device choice, thread counts and which BLAS library is loaded.
// These decide speed, so every run logs and stores them.
#pragma once

#include <string>

#include <torch/types.h>

namespace runner::train {

struct ComputeEnvironment {
  torch::Device device = torch::kCPU;
  std::string device_text;  // "cpu", "cuda:0"
  std::string device_name;  // CPU model or GPU name
  int threads = 1;          // LibTorch intra-op threads
  std::string blas;         // the BLAS library LibTorch's matrix products go through
  std::string host;
};

// Resolves `requested` (auto, cpu, cuda, cuda:N) and sets LibTorch's and OpenBLAS's thread counts to
// `threads` (0 = one per available core). Throws std::runtime_error when CUDA is requested but absent.
ComputeEnvironment set_up_environment(const std::string& requested, int64_t threads);

// Switches LibTorch's deterministic-algorithms mode on or off for this process. With it on, an op that
// has no deterministic kernel raises an error instead of running. On CUDA it also sets
// CUBLAS_WORKSPACE_CONFIG=:4096:8 when unset, which cuBLAS needs for repeatable results. Returns a
// start-up note when it set that variable, otherwise "".
std::string set_deterministic(bool deterministic, torch::Device device);

// The LibTorch version this binary was built against, e.g. "1.13.1".
std::string torch_version();

}  // namespace runner::train
