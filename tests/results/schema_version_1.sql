-- Schema of the runner results database, version 1.
--
-- The build embeds this file in the runner binary (see the runner_results block of CMakeLists.txt).
-- ResultsStore runs it once, inside a BEGIN IMMEDIATE transaction, on a file whose user_version is 0,
-- and then sets PRAGMA user_version to kSchemaVersion from results/schema.h.
-- A change to a table or view needs a new schema version and a migration in results/schema.cpp.
-- docs/results.md describes every column for people who query the database.

-- One row per training run. The store inserts it with status 'running' when the run starts and sets
-- the final status and ended_at when it ends. A row left at 'running' belongs to a live process or
-- to one that was killed without a chance to record its end.
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  experiment      TEXT    NOT NULL,
  config_file     TEXT    NOT NULL,
  config_json     TEXT    NOT NULL,
  seed            INTEGER NOT NULL,
  device          TEXT    NOT NULL,
  device_name     TEXT    NOT NULL,
  status          TEXT    NOT NULL
                  CHECK (status IN ('running', 'completed', 'failed', 'interrupted', 'diverged')),
  started_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ended_at        TEXT,
  host            TEXT    NOT NULL,
  torch_version   TEXT    NOT NULL,
  runner_version  TEXT    NOT NULL,
  git_commit      TEXT    NOT NULL,
  blas            TEXT    NOT NULL,
  threads         INTEGER NOT NULL,
  parameter_count INTEGER NOT NULL,
  labels_changed  INTEGER NOT NULL DEFAULT 0,
  error           TEXT
);

CREATE INDEX runs_by_experiment ON runs (experiment);

-- One row per (run, epoch, metric name). The UNIQUE constraint also serves as the index for reading
-- the metrics of one run. SQLite turns a bound NaN into NULL, so the store writes NaN and the
-- infinities as the TEXT 'NaN', 'Infinity' and '-Infinity'. REAL affinity leaves them as text because
-- they do not parse as numbers, and NOT NULL rejects a NaN that was bound as a number by mistake.
CREATE TABLE metrics (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch       INTEGER NOT NULL CHECK (epoch >= 0),
  name        TEXT    NOT NULL CHECK (name <> ''),
  value       REAL    NOT NULL,
  recorded_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (run_id, epoch, name)
);

-- One row per (run, epoch) with the standard metric names as columns, and NULL where a run did not
-- record that metric. MAX picks the single value that the UNIQUE constraint allows per name.
CREATE VIEW epochs AS
SELECT
  m.run_id,
  r.experiment,
  m.epoch,
  MAX(CASE WHEN m.name = 'train_loss' THEN m.value END)        AS train_loss,
  MAX(CASE WHEN m.name = 'test_loss' THEN m.value END)         AS test_loss,
  MAX(CASE WHEN m.name = 'train_accuracy' THEN m.value END)    AS train_accuracy,
  MAX(CASE WHEN m.name = 'test_accuracy' THEN m.value END)     AS test_accuracy,
  MAX(CASE WHEN m.name = 'seconds' THEN m.value END)           AS seconds,
  MAX(CASE WHEN m.name = 'images_per_second' THEN m.value END) AS images_per_second,
  MAX(CASE WHEN m.name = 'learning_rate' THEN m.value END)     AS learning_rate
FROM metrics AS m
JOIN runs AS r ON r.id = m.run_id
GROUP BY m.run_id, r.experiment, m.epoch;

-- One row per run, with the metrics of the last epoch it recorded. A run without metrics keeps its
-- row, with NULL in final_epoch and the metric columns. wall_seconds is NULL until the run ends,
-- and is rounded to milliseconds because a julianday() value is only exact to tens of microseconds.
CREATE VIEW run_summary AS
SELECT
  r.id AS run_id,
  r.experiment,
  r.config_file,
  r.seed,
  r.device,
  r.device_name,
  r.status,
  r.started_at,
  r.ended_at,
  ROUND((julianday(r.ended_at) - julianday(r.started_at)) * 86400.0, 3) AS wall_seconds,
  r.parameter_count,
  r.labels_changed,
  r.error,
  e.epoch AS final_epoch,
  e.train_loss,
  e.test_loss,
  e.train_accuracy,
  e.test_accuracy,
  e.seconds,
  e.images_per_second,
  e.learning_rate
FROM runs AS r
LEFT JOIN epochs AS e
  ON e.run_id = r.id
  AND e.epoch = (SELECT MAX(epoch) FROM metrics WHERE metrics.run_id = r.id);
