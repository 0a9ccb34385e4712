#include "runner/cli/query_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "results/query_output.h"
#include "results/read_only_query.h"
#include "runner/errors.h"

namespace runner::cli {

CLI::App* add_query_command(CLI::App& app, QueryOptions& options) {
  auto* query = app.add_subcommand(
      "query", "Run one read-only SQL statement on the results database and print its rows (docs/results.md)");
  query->add_option("sql", options.sql, "One SELECT statement, e.g. \"SELECT * FROM run_summary\"")->required();
  query->add_option("--db", options.database, "Results database file (default results/runs.db); never created");
  query->add_option("--format", options.format, "Output format: table (default), csv (RFC 4180) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return query;
}

int run_query_command(const QueryOptions& options) {
  const std::optional<results::QueryFormat> format = results::parse_query_format(options.format);
  if (!format) {
    fmt::print(stderr, "usage error: invalid --format '{}': use table, csv or json\n", options.format);
    return static_cast<int>(ExitCode::kUsage);
  }

  try {
    const results::QueryResult result = results::run_read_only_query(options.database, options.sql);
    fmt::print("{}", results::format_query_result(result, *format));
    return static_cast<int>(ExitCode::kOk);
  } catch (const results::QueryError& error) {
    fmt::print(stderr, "{}: {}\n", error.is_usage_error() ? "usage error" : "error", error.what());
    return static_cast<int>(error.is_usage_error() ? ExitCode::kUsage : ExitCode::kRunFailed);
  }
}

}  // namespace runner::cli
