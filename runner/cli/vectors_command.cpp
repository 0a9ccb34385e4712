#include "runner/cli/vectors_command.h"

#include <array>
#include <charconv>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "results/run_files.h"
#include "results/run_lookup.h"
#include "results/store.h"
#include "results/store_error.h"
#include "runner/errors.h"
#include "runner/text/vec_file.h"
#include "runner/text/word_vectors.h"

namespace runner::cli {

namespace {

// The file name under which a run records its input embedding in the run_files table.
constexpr const char* kEmbeddingFileName = "embedding.vec";

// An invalid command line that CLI11 cannot see: a wrong number of words, an unknown action or run.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Action {
  std::string_view name;
  size_t arguments;
  std::string_view usage;
};

constexpr std::array<Action, 4> kActions = {{{"neighbors", 1, "neighbors WORD"},
                                             {"similarity", 2, "similarity A B"},
                                             {"analogy", 3, "analogy A B C"},
                                             {"export", 1, "export OUT.vec"}}};

void check_arguments(const VectorsOptions& options) {
  for (const Action& action : kActions) {
    if (options.action != action.name) continue;
    if (options.arguments.size() != action.arguments) {
      throw UsageError(fmt::format("{} takes {} argument(s), got {}; usage: runner vectors SOURCE {}", action.name,
                                   action.arguments, options.arguments.size(), action.usage));
    }
    return;
  }
  throw UsageError(fmt::format("unknown action '{}'; valid actions: neighbors, similarity, analogy, export",
                               options.action));
}

std::optional<int64_t> parse_run_id(const std::string& source) {
  int64_t run_id = 0;
  const auto [end, error] = std::from_chars(source.data(), source.data() + source.size(), run_id);
  if (source.empty() || error != std::errc() || end != source.data() + source.size() || run_id < 1) {
    return std::nullopt;
  }
  return run_id;
}

std::filesystem::path embedding_of_run(int64_t run_id, const std::filesystem::path& database) {
  if (!std::filesystem::exists(database)) {
    throw DataError(fmt::format("results database {} not found; pass the run's database with --db FILE",
                                database.string()));
  }
  results::ResultsStore store(database);
  const std::optional<results::StoredRun> run = results::find_run(store, run_id);
  if (!run) throw UsageError(fmt::format("run {} not found in {}", run_id, database.string()));

  const std::optional<std::filesystem::path> file = results::find_run_file(store, run_id, kEmbeddingFileName);
  if (!file) {
    throw DataError(fmt::format("run {} (experiment '{}', task '{}') recorded no {}; only tasks with an input "
                                "embedding write one",
                                run_id, run->experiment, run->task.value_or("none recorded"), kEmbeddingFileName));
  }
  return *file;
}

// The .vec file that SOURCE names: the file itself, or the embedding that a run recorded.
std::filesystem::path vectors_file(const VectorsOptions& options) {
  const std::filesystem::path as_path(options.source);
  if (std::filesystem::is_regular_file(as_path) || as_path.extension() == ".vec") return as_path;
  if (const auto run_id = parse_run_id(options.source)) return embedding_of_run(*run_id, options.database);
  throw UsageError(fmt::format("SOURCE '{}' is neither an existing .vec file nor a run id", options.source));
}

void print_neighbors(const std::vector<text::Neighbor>& neighbors) {
  for (const text::Neighbor& neighbor : neighbors) fmt::print("{}\t{:.6f}\n", neighbor.word, neighbor.similarity);
}

void run_action(const VectorsOptions& options, text::WordVectors vectors) {
  const std::vector<std::string>& words = options.arguments;
  if (options.action == "export") {
    text::write_vec_file(words[0], vectors);
    fmt::print("wrote {} vectors of dimension {} to {}\n", vectors.words.size(), vectors.dim, words[0]);
    return;
  }

  const text::WordVectorSpace space(std::move(vectors));
  if (options.action == "neighbors") {
    print_neighbors(space.neighbors(words[0], options.k));
  } else if (options.action == "similarity") {
    fmt::print("{:.6f}\n", space.similarity(words[0], words[1]));
  } else {
    print_neighbors(space.analogy(words[0], words[1], words[2], options.k));
  }
}

}  // namespace

CLI::App* add_vectors_subcommand(CLI::App& app, VectorsOptions& options) {
  auto* vectors = app.add_subcommand("vectors", "Query word vectors: neighbors WORD, similarity A B, analogy A B C "
                                                "(nearest to A - B + C), or export OUT.vec");
  vectors->add_option("source", options.source, "A .vec file, or the id of a run that recorded embedding.vec")
      ->required();
  vectors->add_option("action", options.action, "neighbors, similarity, analogy or export")->required();
  vectors->add_option("arguments", options.arguments, "The words to query, or the output file of export");
  vectors->add_option("-k", options.k, "Number of words that neighbors and analogy print (default 10)")
      ->check(CLI::Range(1, 1000000).description("an integer >= 1"));
  vectors->add_option("--db", options.database, "Results database that holds a run id's files (default "
                                                "results/runs.db)");
  return vectors;
}

int run_vectors(const VectorsOptions& options) {
  try {
    check_arguments(options);
    run_action(options, text::read_vec_file(vectors_file(options)));
    return static_cast<int>(ExitCode::kOk);
  } catch (const UsageError& error) {
    fmt::print(stderr, "usage error: {}\n", error.what());
    return static_cast<int>(ExitCode::kUsage);
  } catch (const text::UnknownWordError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return static_cast<int>(ExitCode::kUsage);
  } catch (const DataError& error) {
    fmt::print(stderr, "data error: {}\n", error.what());
    return static_cast<int>(ExitCode::kData);
  } catch (const results::StoreError& error) {
    fmt::print(stderr, "results error: {}\n", error.what());
    return static_cast<int>(ExitCode::kData);
  }
}

}  // namespace runner::cli
