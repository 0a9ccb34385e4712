#include "results/schema.h"

#include <string>

#include <fmt/format.h>

#include "results/store_error.h"

namespace runner::results {

namespace {

constexpr const char* kStep = "checking the schema version";

// The runs columns that version 2 added, in the order of results/schema.sql, so that a migrated
// table has the same columns in the same order as a new one.
constexpr const char* kRunsColumnsAddedInVersion2[] = {
    "sweep_id INTEGER REFERENCES sweeps (id)",
    "trial_id INTEGER REFERENCES trials (id)",
    "rerun_of INTEGER REFERENCES runs (id)",
    "source_run INTEGER REFERENCES runs (id)",
    "task TEXT",
    "heartbeat_at TEXT",
    "pid INTEGER",
    "resumed_count INTEGER NOT NULL DEFAULT 0",
    "diverged_epoch INTEGER",
    "diverged_step INTEGER",
};

// Every view, dependants first. CREATE VIEW IF NOT EXISTS keeps an old definition, so a migration
// drops them all and lets schema.sql create the current ones. Views contain no rows to lose.
constexpr const char* kViews[] = {"seed_summary", "best_epochs", "final_epochs", "run_summary", "epochs"};

void set_version(const Connection& connection) {
  connection.execute(fmt::format("PRAGMA user_version = {}", kSchemaVersion), "setting the schema version");
}

void create_schema(const Connection& connection) {
  connection.execute(schema_sql(), "creating the schema");
  set_version(connection);
}

// Brings a version 1 or 2 database to the current schema. Version 2 added the runs columns above,
// the sweep tables and more views, and version 3 added held_out_loss and perplexity to the views.
// Every statement of schema.sql has IF NOT EXISTS, so once the columns exist and the old views are
// gone, running the file creates exactly what is missing and keeps every row.
void migrate(const Connection& connection, int64_t version) {
  const std::string step = fmt::format("migrating from schema version {}", version);
  if (version == 1) {
    for (const char* column : kRunsColumnsAddedInVersion2) {
      connection.execute(fmt::format("ALTER TABLE runs ADD COLUMN {}", column), fmt::format("{}: adding runs.{}", step, column));
    }
  }
  for (const char* view : kViews) {
    connection.execute(fmt::format("DROP VIEW IF EXISTS {}", view), fmt::format("{}: dropping view {}", step, view));
  }
  connection.execute(schema_sql(), fmt::format("{}: creating the version {} tables and views", step, kSchemaVersion));
  set_version(connection);
}

void check_empty_database(const Connection& connection, int64_t version) {
  const int64_t objects = connection.query_int64("SELECT count(*) FROM sqlite_master", kStep);
  if (objects > 0) {
    throw StoreError(connection.path(), kStep,
                     fmt::format("the file contains {} tables, indexes or views but PRAGMA user_version is {}, "
                                 "which is not a runner schema version",
                                 objects, version),
                     "this is not a runner results database, so set results.database in the config to a new file");
  }
}

}  // namespace

void ensure_schema(const Connection& connection) {
  // BEGIN IMMEDIATE takes the write lock before the version is read, so when two processes open a
  // new or old file at once, the second one waits and then finds the schema that the first one
  // created or migrated. Both steps are all or nothing, because a failure rolls the transaction back.
  Transaction transaction(connection, kStep);
  const int64_t version = connection.query_int64("PRAGMA user_version", kStep);

  if (version > kSchemaVersion) {
    throw StoreError(connection.path(), kStep,
                     fmt::format("the database has schema version {}, but this runner knows only schema "
                                 "versions up to {}",
                                 version, kSchemaVersion),
                     "upgrade the runner to read and write this database");
  }
  if (version == kSchemaVersion) return;

  if (version >= 1) {
    migrate(connection, version);
  } else {
    check_empty_database(connection, version);
    create_schema(connection);
  }
  transaction.commit();
}

}  // namespace runner::results
