#include "runner/data/cifar10_files.h"

#include <fmt/format.h>

#include <set>

#include "runner/data/archive_reader.h"
#include "runner/data/byte_file.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

constexpr const char* kBinaryFolder = "cifar-10-batches-bin";
constexpr const char* kPythonFolder = "cifar-10-batches-py";
constexpr const char* kDownloadHint =
    "Download cifar-10-python.tar.gz or cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html "
    "and point data.path at it (or at the folder extracted from it).";

const char* layout_folder(Cifar10Layout layout) {
  return layout == Cifar10Layout::kBinary ? kBinaryFolder : kPythonFolder;
}

const char* layout_title(Cifar10Layout layout) {
  return layout == Cifar10Layout::kBinary ? "CIFAR-10 binary" : "CIFAR-10 Python";
}

std::vector<std::string> layout_file_names(Cifar10Layout layout) {
  std::vector<std::string> names = cifar10_batch_names(layout);
  names.push_back(cifar10_meta_name(layout));
  return names;
}

bool has_member_in(const std::map<std::string, std::vector<uint8_t>>& members, const std::string& folder) {
  for (const auto& entry : members) {
    if (entry.first.rfind(folder + "/", 0) == 0) {
      return true;
    }
  }
  return false;
}

// Reads both layouts' members in one pass, so the archive is decompressed once, then keeps the layout found.
Cifar10Files read_archive(const std::filesystem::path& archive) {
  std::set<std::string> requested;
  for (const Cifar10Layout layout : {Cifar10Layout::kBinary, Cifar10Layout::kPython}) {
    for (const std::string& name : layout_file_names(layout)) {
      requested.insert(std::string(layout_folder(layout)) + "/" + name);
    }
  }
  std::map<std::string, std::vector<uint8_t>> members = read_archive_members(archive, requested);

  if (members.empty()) {
    throw DataError(fmt::format("{}: archive contains no {}/ or {}/ batches. {}", archive.string(), kBinaryFolder,
                                kPythonFolder, kDownloadHint));
  }

  Cifar10Files files;
  files.layout = has_member_in(members, kBinaryFolder) ? Cifar10Layout::kBinary : Cifar10Layout::kPython;
  files.description = fmt::format("{} archive {}", layout_title(files.layout), archive.string());
  files.source_prefix = fmt::format("{}:{}/", archive.string(), layout_folder(files.layout));

  for (const std::string& name : layout_file_names(files.layout)) {
    const std::string member = std::string(layout_folder(files.layout)) + "/" + name;
    auto found = members.find(member);
    if (found == members.end()) {
      throw DataError(fmt::format("{}: archive member {} not found, so the archive is incomplete. {}", archive.string(),
                                  member, kDownloadHint));
    }
    files.contents[name] = std::move(found->second);
  }
  return files;
}

Cifar10Files read_folder(const std::filesystem::path& folder, Cifar10Layout layout) {
  Cifar10Files files;
  files.layout = layout;
  files.description = fmt::format("{} batches in {}", layout_title(layout), folder.string());
  files.source_prefix = (folder / "").string();

  for (const std::string& name : layout_file_names(layout)) {
    const std::filesystem::path file = folder / name;
    if (!std::filesystem::is_regular_file(file)) {
      throw DataError(
          fmt::format("{}: file not found, so the CIFAR-10 folder is incomplete. {}", file.string(), kDownloadHint));
    }
    files.contents[name] = read_file_bytes(file);
  }
  return files;
}

// Accepts the extracted batch folder itself or its parent, recognizing a batch folder by its first batch.
Cifar10Files read_folder_or_parent(const std::filesystem::path& folder) {
  for (const Cifar10Layout layout : {Cifar10Layout::kBinary, Cifar10Layout::kPython}) {
    const std::string first_batch = cifar10_batch_names(layout).front();
    if (std::filesystem::is_regular_file(folder / first_batch)) {
      return read_folder(folder, layout);
    }
    if (std::filesystem::is_directory(folder / layout_folder(layout))) {
      return read_folder(folder / layout_folder(layout), layout);
    }
  }
  throw DataError(
      fmt::format("{}: no CIFAR-10 batches found (looked for data_batch_1.bin, data_batch_1 and the "
                  "subfolders {} and {}). {}",
                  folder.string(), kBinaryFolder, kPythonFolder, kDownloadHint));
}

}  // namespace

std::vector<std::string> cifar10_batch_names(Cifar10Layout layout) {
  const std::string suffix = layout == Cifar10Layout::kBinary ? ".bin" : "";
  std::vector<std::string> names;
  for (int batch = 1; batch <= 5; ++batch) {
    names.push_back(fmt::format("data_batch_{}{}", batch, suffix));
  }
  names.push_back("test_batch" + suffix);
  return names;
}

std::string cifar10_meta_name(Cifar10Layout layout) {
  return layout == Cifar10Layout::kBinary ? "batches.meta.txt" : "batches.meta";
}

Cifar10Files read_cifar10_files(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) {
    return read_folder_or_parent(path);
  }
  if (std::filesystem::is_regular_file(path)) {
    return read_archive(path);
  }
  throw DataError(fmt::format("{}: CIFAR-10 archive or folder not found. {}", path.string(), kDownloadHint));
}

}  // namespace runner::data
