// Files that a run writes (checkpoint.pt, model.pt, embedding.vec, vocabulary.txt, split.json ...),
// recorded by name in the run_files table so that later runs and tools can find them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "results/store.h"

namespace runner::results {

// Returns the folder for the files of one run: <database folder>/<database file stem>.runs/<run_id>/,
// e.g. results/runs.runs/12/ for results/runs.db, as an absolute path. Creates nothing, so the
// caller creates the folder before it writes the first file.
std::filesystem::path run_directory(const std::filesystem::path& database, int64_t run_id);

// Records that run `run_id` wrote the file `name`, or replaces the path recorded under that name.
// The stored path is absolute. The file itself is not checked, because a run may record it before
// it writes it.
void record_run_file(ResultsStore& store, int64_t run_id, const std::string& name, const std::filesystem::path& path);

// Returns the absolute path recorded for `name`, or nullopt when the run recorded no such file.
std::optional<std::filesystem::path> find_run_file(ResultsStore& store, int64_t run_id, const std::string& name);

}  // namespace runner::results
