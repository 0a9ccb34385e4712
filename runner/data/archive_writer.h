// Writes small .tar.gz archives, used by the tests to build datasets in their published layouts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace runner::data {

struct ArchiveMember {
  std::string path;            // member path inside the archive, e.g. "cifar-10-batches-bin/test_batch.bin"
  std::vector<uint8_t> bytes;  // file contents
};

// Writes `members` as regular files into a gzip-compressed ustar archive at `archive`. Throws
// runner::DataError on failure.
void write_tar_gz(const std::filesystem::path& archive, const std::vector<ArchiveMember>& members);

}  // namespace runner::data
