// `runner query`: runs one read-only SQL statement on the results database and prints its rows as
// a table, CSV or JSON. Torch-free: it reads only the database, which it never changes.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace runner::cli {

struct QueryOptions {
  std::string database = "results/runs.db";
  std::string format = "table";  // table, csv or json
  std::string sql;
};

// Adds the `query` subcommand to `app`. Parsing the command line fills `options`.
CLI::App* add_query_command(CLI::App& app, QueryOptions& options);

// Prints the rows on stdout and returns the process exit code. The code is 0 when the query ran and
// 1 when reading the database failed. It is 2 when the database file is missing, or when the SQL is
// invalid, writes, or contains more than one statement.
int run_query_command(const QueryOptions& options);

}  // namespace runner::cli
