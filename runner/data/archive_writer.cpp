#include "runner/data/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <memory>

#include "runner/errors.h"

namespace runner::data {
namespace {

struct ArchiveWriteCloser {
  void operator()(archive* handle) const { archive_write_free(handle); }
};
using ArchiveWriteHandle = std::unique_ptr<archive, ArchiveWriteCloser>;

struct EntryCloser {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};
using EntryHandle = std::unique_ptr<archive_entry, EntryCloser>;

[[noreturn]] void throw_write_error(const std::filesystem::path& path, archive* handle) {
  const char* reason = archive_error_string(handle);
  throw DataError(fmt::format("{}: writing the archive failed ({})", path.string(),
                              reason != nullptr ? reason : "unknown libarchive error"));
}

void write_member(const std::filesystem::path& path, archive* handle, const ArchiveMember& member) {
  EntryHandle entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), member.path.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(member.bytes.size()));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  if (archive_write_header(handle, entry.get()) != ARCHIVE_OK) {
    throw_write_error(path, handle);
  }

  if (!member.bytes.empty()) {
    const la_ssize_t written = archive_write_data(handle, member.bytes.data(), member.bytes.size());
    if (written != static_cast<la_ssize_t>(member.bytes.size())) {
      throw_write_error(path, handle);
    }
  }
}

}  // namespace

void write_tar_gz(const std::filesystem::path& archive_path, const std::vector<ArchiveMember>& members) {
  ArchiveWriteHandle handle(archive_write_new());
  archive_write_add_filter_gzip(handle.get());
  archive_write_set_format_ustar(handle.get());
  if (archive_write_open_filename(handle.get(), archive_path.c_str()) != ARCHIVE_OK) {
    throw_write_error(archive_path, handle.get());
  }

  for (const ArchiveMember& member : members) {
    write_member(archive_path, handle.get(), member);
  }

  // Closing flushes the last tar blocks and the gzip trailer, so its failure means a broken archive.
  if (archive_write_close(handle.get()) != ARCHIVE_OK) {
    throw_write_error(archive_path, handle.get());
  }
}

}  // namespace runner::data
