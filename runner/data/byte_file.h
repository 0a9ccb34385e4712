// Whole-file reads and writes of raw bytes, plain or gzip-compressed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace runner::data {

// Reads the whole file. Throws runner::DataError naming the path when it cannot be opened or read.
std::vector<uint8_t> read_file_bytes(const std::filesystem::path& path);

// Reads and decompresses a whole gzip file. Throws runner::DataError naming the path when the file is
// missing, is not gzip data, or its compressed stream is corrupt or truncated.
std::vector<uint8_t> read_gzip_file(const std::filesystem::path& path);

// Writes `bytes` as a gzip file, replacing any existing file. Throws runner::DataError on failure.
void write_gzip_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);

}  // namespace runner::data
