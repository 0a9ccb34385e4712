// Finds the CIFAR-10 files at a user-given path, which may be either version's .tar.gz archive or the folder
// extracted from it, and reads them into memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace runner::data {

enum class Cifar10Layout { kBinary, kPython };

struct Cifar10Files {
  Cifar10Layout layout = Cifar10Layout::kBinary;
  std::string description;  // e.g. "CIFAR-10 binary archive /data/cifar-10-binary.tar.gz"
  // Contents keyed by file name without its folder, e.g. "data_batch_1.bin". Every file of the layout is present.
  std::map<std::string, std::vector<uint8_t>> contents;
  // Prepended to a file name to name it in errors: "<archive>:cifar-10-batches-bin/" or "<folder>/".
  std::string source_prefix;
};

// Returns the six batch file names of the layout, training batches first, then the test batch.
std::vector<std::string> cifar10_batch_names(Cifar10Layout layout);

// Returns the name of the layout's class names file: batches.meta.txt or batches.meta.
std::string cifar10_meta_name(Cifar10Layout layout);

// Detects the layout at `path` and reads all its files. Throws runner::DataError with a download hint when
// nothing is there, and names the missing file or archive member when one is absent.
Cifar10Files read_cifar10_files(const std::filesystem::path& path);

}  // namespace runner::data
