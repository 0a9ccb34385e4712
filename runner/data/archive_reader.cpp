#include "runner/data/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "runner/errors.h"

namespace runner::data {
namespace {

constexpr size_t kReadBlockBytes = 1u << 16;

struct ArchiveReadCloser {
  void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchiveReadHandle = std::unique_ptr<archive, ArchiveReadCloser>;

std::string strip_dot_slash(std::string path) {
  while (path.rfind("./", 0) == 0) {
    path.erase(0, 2);
  }
  return path;
}

[[noreturn]] void throw_archive_error(const std::filesystem::path& path, archive* handle) {
  const char* reason = archive_error_string(handle);
  throw DataError(fmt::format("{}: corrupt or unreadable archive ({})", path.string(),
                              reason != nullptr ? reason : "unknown libarchive error"));
}

// Copies the data of the current entry. The entry's declared size is only a hint for the reservation,
// because a corrupt header must not make us allocate gigabytes.
std::vector<uint8_t> read_entry_data(const std::filesystem::path& path, archive* handle, int64_t declared_size) {
  std::vector<uint8_t> bytes;
  bytes.reserve(static_cast<size_t>(std::min<int64_t>(std::max<int64_t>(declared_size, 0), 256ll << 20)));

  std::vector<uint8_t> block(kReadBlockBytes);
  while (true) {
    const la_ssize_t count = archive_read_data(handle, block.data(), block.size());
    if (count < 0) {
      throw_archive_error(path, handle);
    }
    if (count == 0) {
      break;
    }
    bytes.insert(bytes.end(), block.begin(), block.begin() + count);
  }
  return bytes;
}

}  // namespace

std::map<std::string, std::vector<uint8_t>> read_archive_members(const std::filesystem::path& archive_path,
                                                                 const std::set<std::string>& requested) {
  ArchiveReadHandle handle(archive_read_new());
  archive_read_support_filter_all(handle.get());
  archive_read_support_format_tar(handle.get());
  if (archive_read_open_filename(handle.get(), archive_path.c_str(), kReadBlockBytes) != ARCHIVE_OK) {
    throw_archive_error(archive_path, handle.get());
  }

  std::map<std::string, std::vector<uint8_t>> members;
  archive_entry* entry = nullptr;
  while (true) {
    const int status = archive_read_next_header(handle.get(), &entry);
    if (status == ARCHIVE_EOF) {
      break;
    }
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      throw_archive_error(archive_path, handle.get());
    }

    const std::string name = strip_dot_slash(archive_entry_pathname(entry));
    if (archive_entry_filetype(entry) != AE_IFREG || requested.count(name) == 0) {
      continue;  // archive_read_next_header skips the unread data of this entry
    }
    members[name] = read_entry_data(archive_path, handle.get(), archive_entry_size(entry));
  }
  return members;
}

}  // namespace runner::data
