#include "results/schema.h"

#include <fmt/format.h>

#include "results/store_error.h"

namespace runner::results {

namespace {

constexpr const char* kStep = "checking the schema version";

void create_schema(const Connection& connection) {
  connection.execute(schema_sql(), "creating the schema");
  connection.execute(fmt::format("PRAGMA user_version = {}", kSchemaVersion), "setting the schema version");
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
  // new file at once, the second one waits and then finds the schema that the first one created.
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

  // Version 1 is the first schema, so a database with another version must be a new, empty file.
  check_empty_database(connection, version);
  create_schema(connection);
  transaction.commit();
}

}  // namespace runner::results
