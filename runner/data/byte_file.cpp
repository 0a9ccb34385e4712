#include "runner/data/byte_file.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "runner/errors.h"

namespace runner::data {
namespace {

// Every gzip member starts with these two bytes (RFC 1952, section 2.3.1).
constexpr std::array<uint8_t, 2> kGzipMagic = {0x1f, 0x8b};
constexpr unsigned kGzipChunkBytes = 1u << 20;

struct GzipCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzipHandle = std::unique_ptr<gzFile_s, GzipCloser>;

// Rejects a file that does not start with the gzip magic. gzread alone would pass such a file through
// unchanged, so a mislabelled .gz would surface later as a confusing format error.
void check_gzip_magic(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::array<char, 2> head{};
  stream.read(head.data(), head.size());
  if (stream.gcount() != 2 || static_cast<uint8_t>(head[0]) != kGzipMagic[0] ||
      static_cast<uint8_t>(head[1]) != kGzipMagic[1]) {
    throw DataError(fmt::format("{}: not a gzip file (it does not start with the bytes 1f 8b)", path.string()));
  }
}

// Returns zlib's description of the last error without the "<path>: " prefix that gzerror adds.
std::string gzip_error_reason(gzFile file, const std::filesystem::path& path, int& code) {
  std::string reason = gzerror(file, &code);
  const std::string prefix = path.string() + ": ";
  if (reason.rfind(prefix, 0) == 0) {
    reason.erase(0, prefix.size());
  }
  return reason;
}

}  // namespace

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw DataError(fmt::format("{}: cannot open file for reading", path.string()));
  }

  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  if (stream.bad()) {
    throw DataError(fmt::format("{}: read failed", path.string()));
  }
  return bytes;
}

std::vector<uint8_t> read_gzip_file(const std::filesystem::path& path) {
  GzipHandle file(gzopen(path.c_str(), "rb"));
  if (!file) {
    throw DataError(fmt::format("{}: cannot open file for reading", path.string()));
  }
  check_gzip_magic(path);

  std::vector<uint8_t> bytes;
  while (true) {
    const size_t old_size = bytes.size();
    bytes.resize(old_size + kGzipChunkBytes);
    const int count = gzread(file.get(), bytes.data() + old_size, kGzipChunkBytes);
    if (count < 0) {
      int code = Z_OK;
      const std::string reason = gzip_error_reason(file.get(), path, code);
      throw DataError(fmt::format("{}: corrupt gzip data ({})", path.string(), reason));
    }
    bytes.resize(old_size + static_cast<size_t>(count));
    if (count == 0) {
      break;
    }
  }

  // zlib reports a stream cut off before its trailer as an error state after the last read.
  int code = Z_OK;
  const std::string reason = gzip_error_reason(file.get(), path, code);
  if (code != Z_OK && code != Z_STREAM_END) {
    throw DataError(fmt::format("{}: corrupt gzip data ({})", path.string(), reason));
  }
  return bytes;
}

void write_gzip_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  GzipHandle file(gzopen(path.c_str(), "wb"));
  if (!file) {
    throw DataError(fmt::format("{}: cannot open file for writing", path.string()));
  }

  size_t written = 0;
  while (written < bytes.size()) {
    const auto chunk = static_cast<unsigned>(std::min<size_t>(bytes.size() - written, kGzipChunkBytes));
    if (gzwrite(file.get(), bytes.data() + written, chunk) != static_cast<int>(chunk)) {
      throw DataError(fmt::format("{}: gzip write failed", path.string()));
    }
    written += chunk;
  }

  if (gzclose(file.release()) != Z_OK) {
    throw DataError(fmt::format("{}: gzip write failed when closing the file", path.string()));
  }
}

}  // namespace runner::data
