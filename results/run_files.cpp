#include "results/run_files.h"

#include <fmt/format.h>

#include "results/busy_retry.h"
#include "results/sqlite.h"

namespace runner::results {

std::filesystem::path run_directory(const std::filesystem::path& database, int64_t run_id) {
  // std::filesystem::absolute resolves against the working folder without touching the disk.
  const std::filesystem::path absolute_database = std::filesystem::absolute(database).lexically_normal();
  const std::string folder_name = absolute_database.stem().string() + ".runs";
  return absolute_database.parent_path() / folder_name / std::to_string(run_id);
}

void record_run_file(ResultsStore& store, int64_t run_id, const std::string& name, const std::filesystem::path& path) {
  const std::string step = fmt::format("recording the file '{}' of run {}", name, run_id);
  if (name.empty()) {
    throw StoreError(store.path(), step, "the file name is empty", "name the file, e.g. checkpoint.pt");
  }

  const std::string absolute_path = std::filesystem::absolute(path).lexically_normal().string();
  retry_while_busy(store.connection(), [&] {
    Statement upsert(store.connection(),
                     "INSERT INTO run_files (run_id, name, path) VALUES (?, ?, ?) "
                     "ON CONFLICT (run_id, name) DO UPDATE SET path = excluded.path",
                     step);
    upsert.bind_int64(1, run_id);
    upsert.bind_text(2, name);
    upsert.bind_text(3, absolute_path);
    upsert.step();
  });
}

std::optional<std::filesystem::path> find_run_file(ResultsStore& store, int64_t run_id, const std::string& name) {
  const std::string step = fmt::format("looking up the file '{}' of run {}", name, run_id);
  Statement select(store.connection(), "SELECT path FROM run_files WHERE run_id = ? AND name = ?", step);
  select.bind_int64(1, run_id);
  select.bind_text(2, name);
  if (!select.step()) return std::nullopt;
  return std::filesystem::path(select.column_text(0));
}

}  // namespace runner::results
