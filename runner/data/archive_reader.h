// Reads selected members of a tar archive (plain, gzip or any other filter libarchive detects) into
// memory, without extracting anything to disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace runner::data {

// Returns the contents of every regular-file member whose path is in `requested`, keyed by that path.
// A leading "./" in member paths is ignored. Absent members are missing from the result, so the caller
// decides which ones are required. Throws runner::DataError naming the archive when it cannot be opened
// or is corrupt.
std::map<std::string, std::vector<uint8_t>> read_archive_members(const std::filesystem::path& archive,
                                                                 const std::set<std::string>& requested);

}  // namespace runner::data
