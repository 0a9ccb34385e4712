// The database schema: its version, its SQL text and how an opened database is brought up to it.
#pragma once

#include "results/sqlite.h"

namespace runner::results {

// Stored in PRAGMA user_version. Raise it with every change to results/schema.sql.
inline constexpr int kSchemaVersion = 3;

// Returns the text of results/schema.sql, embedded in the binary at build time.
const char* schema_sql();

// Creates the tables and views in a new database, migrates an older database in place, or checks
// the version of an up-to-date one, all in one BEGIN IMMEDIATE transaction.
// Throws StoreError when the file has a newer schema version than this runner, or when it contains
// tables but no schema version (not a runner results database).
void ensure_schema(const Connection& connection);

}  // namespace runner::results
