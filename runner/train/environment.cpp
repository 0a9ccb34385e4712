#include "runner/train/environment.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <torch/torch.h>
#include <torch/version.h>

namespace runner::train {

namespace {

std::string cpu_model_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof(buffer) - 1) != 0) return "unknown";
  return buffer;
}

int collect_blas_library(struct dl_phdr_info* info, size_t, void* data) {
  const std::string name = info->dlpi_name ? info->dlpi_name : "";
  auto* found = static_cast<std::string*>(data);
  if (found->empty() && name.find("blas") != std::string::npos) *found = name;
  return 0;
}

// OpenBLAS keeps its own thread pool beside LibTorch's: without capping it, parallel workers spin
// against each other. It is reached through the libblas.so.3 alternative, so look it up at run time.
std::string set_blas_threads(int threads) {
  using SetThreads = void (*)(int);
  using GetConfig = char* (*)();
  std::string library;
  dl_iterate_phdr(collect_blas_library, &library);

  auto set_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  auto get_config = reinterpret_cast<GetConfig>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
  if (set_threads) set_threads(threads);
  if (get_config) return fmt::format("OpenBLAS ({}) {}", get_config(), library);
  if (library.empty()) return "no separate BLAS library loaded";
  return fmt::format("{} (not OpenBLAS: install libopenblas0-pthread for about 16x faster matrix products)",
                     library);
}

torch::Device resolve_device(const std::string& requested) {
  if (requested == "cpu") return torch::kCPU;
  if (requested == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::kCPU;

  const torch::Device device(requested);
  if (!torch::cuda::is_available()) {
    throw std::runtime_error(fmt::format(
        "device '{}' was requested but this LibTorch build or machine has no CUDA device; "
        "set device: cpu or auto", requested));
  }
  const auto count = static_cast<int64_t>(torch::cuda::device_count());
  if (device.has_index() && device.index() >= count) {
    throw std::runtime_error(fmt::format("device '{}' does not exist: this machine has {} CUDA device(s)",
                                         requested, count));
  }
  return device.has_index() ? device : torch::Device(torch::kCUDA, 0);
}

}  // namespace

std::string torch_version() {
  return fmt::format("{}.{}.{}", TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR, TORCH_VERSION_PATCH);
}

std::string set_deterministic(bool deterministic, torch::Device device) {
  auto& context = at::globalContext();
  context.setDeterministicAlgorithms(deterministic, /*warn_only=*/false);
  context.setDeterministicCuDNN(deterministic);
  if (!deterministic || !device.is_cuda()) return "";

  // cuBLAS reads the variable when it creates its first handle, so it must be set before any CUDA
  // matrix product. A value the user exported wins.
  constexpr const char* kVariable = "CUBLAS_WORKSPACE_CONFIG";
  if (std::getenv(kVariable) != nullptr) return "";
  ::setenv(kVariable, ":4096:8", /*overwrite=*/0);
  return fmt::format("set {}=:4096:8 for deterministic cuBLAS", kVariable);
}

ComputeEnvironment set_up_environment(const std::string& requested, int64_t threads) {
  ComputeEnvironment environment;
  environment.device = resolve_device(requested);
  environment.device_text = environment.device.str();
  // NOTE: the GPU's marketing name needs the CUDA runtime headers, which a CPU-only LibTorch lacks,
  // so a CUDA run records the device index and the CPU it was driven from.
  environment.device_name = environment.device.is_cuda() ? "CUDA device (host CPU " + cpu_model_name() + ")"
                                                         : cpu_model_name();

  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  environment.threads = threads > 0 ? static_cast<int>(threads) : cores;
  torch::set_num_threads(environment.threads);
  environment.blas = set_blas_threads(environment.threads);
  environment.host = host_name();
  return environment;
}

}  // namespace runner::train
