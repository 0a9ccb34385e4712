// `runner vectors SOURCE ACTION ...`: queries on word vectors from a .vec file or a finished run.
//
//   runner vectors SOURCE neighbors WORD [-k 10]
//   runner vectors SOURCE similarity A B
//   runner vectors SOURCE analogy A B C [-k 10]     words nearest to A - B + C
//   runner vectors SOURCE export OUT.vec [--db FILE]
//
// SOURCE is a .vec file, or the id of a run in the results database whose embedding.vec is recorded
// in the run_files table.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace runner::cli {

struct VectorsOptions {
  std::string source;
  std::string action;                  // neighbors, similarity, analogy or export
  std::vector<std::string> arguments;  // the words, or the output file of export
  int k = 10;
  std::filesystem::path database = "results/runs.db";
};

// Adds the `vectors` subcommand to `app`, filling `options` when it is parsed.
CLI::App* add_vectors_subcommand(CLI::App& app, VectorsOptions& options);

// Runs the query and prints the result: one `word<TAB>cosine` line per neighbour, most similar first,
// or one number for similarity. Returns the process exit code: 0; 2 for invalid arguments, an unknown
// word or run id; 4 for a missing or malformed .vec file or database, or a run without an embedding.
int run_vectors(const VectorsOptions& options);

}  // namespace runner::cli
