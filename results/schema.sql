-- Schema of the runner results database, version 2.
--
-- The build embeds this file in the runner binary (see the runner_results block of CMakeLists.txt).
-- ResultsStore runs it once, inside a BEGIN IMMEDIATE transaction, on a file whose user_version is 0,
-- and then sets PRAGMA user_version to kSchemaVersion from results/schema.h.
-- Every statement is written with IF NOT EXISTS (or OR IGNORE), because the migration of a version 1
-- file in results/schema.cpp first adds the new runs columns and then runs this whole file to create
-- the tables, indexes and views that the older file lacks.
-- A change to a table or view needs a new schema version and a migration in results/schema.cpp.
-- docs/results.md describes every column for people who query the database.

-- One row per training run. The store inserts it with status 'running' when the run starts and sets
-- the final status and ended_at when it ends. A row left at 'running' belongs to a live process or
-- to one that was killed without a chance to record its end.
CREATE TABLE IF NOT EXISTS runs (
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
  error           TEXT,
  -- Version 2 columns, in the order in which the migration appends them to a version-1 table.
  sweep_id        INTEGER REFERENCES sweeps (id),
  trial_id        INTEGER REFERENCES trials (id),
  rerun_of        INTEGER REFERENCES runs (id),
  source_run      INTEGER REFERENCES runs (id),
  task            TEXT,
  heartbeat_at    TEXT,
  pid             INTEGER,
  resumed_count   INTEGER NOT NULL DEFAULT 0,
  diverged_epoch  INTEGER,
  diverged_step   INTEGER
);

CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs (experiment);

-- One row per (run, epoch, metric name). The UNIQUE constraint also serves as the index for reading
-- the metrics of one run. SQLite turns a bound NaN into NULL, so the store writes NaN and the
-- infinities as the TEXT 'NaN', 'Infinity' and '-Infinity'. REAL affinity leaves them as text because
-- they do not parse as numbers, and NOT NULL rejects a NaN that was bound as a number by mistake.
CREATE TABLE IF NOT EXISTS metrics (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch       INTEGER NOT NULL CHECK (epoch >= 0),
  name        TEXT    NOT NULL CHECK (name <> ''),
  value       REAL    NOT NULL,
  recorded_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (run_id, epoch, name)
);

-- One row per (run, epoch) with the standard metric names as columns, and NULL where a run did not
-- record that metric. Image runs record the test_ metrics, language runs held_out_loss and, for a
-- softmax loss, perplexity (version 3). MAX picks the single value that the UNIQUE constraint allows per name.
CREATE VIEW IF NOT EXISTS epochs AS
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
  MAX(CASE WHEN m.name = 'learning_rate' THEN m.value END)     AS learning_rate,
  MAX(CASE WHEN m.name = 'held_out_loss' THEN m.value END)     AS held_out_loss,
  MAX(CASE WHEN m.name = 'perplexity' THEN m.value END)        AS perplexity
FROM metrics AS m
JOIN runs AS r ON r.id = m.run_id
GROUP BY m.run_id, r.experiment, m.epoch;

-- One row per run, with the metrics of the last epoch it recorded. A run without metrics keeps its
-- row, with NULL in final_epoch and the metric columns. wall_seconds is NULL until the run ends,
-- and is rounded to milliseconds because a julianday() value is only exact to tens of microseconds.
CREATE VIEW IF NOT EXISTS run_summary AS
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
  e.learning_rate,
  e.held_out_loss,
  e.perplexity
FROM runs AS r
LEFT JOIN epochs AS e
  ON e.run_id = r.id
  AND e.epoch = (SELECT MAX(epoch) FROM metrics WHERE metrics.run_id = r.id);

-- Version 2: sweeps and their trials, per-run parameters, per-step metrics, run files and the views
-- that compare runs across seeds.

-- One row per sweep definition. `runner sweep` reuses the latest row with the same name while
-- definition_hash is unchanged, and creates a new row with that name only when asked to.
CREATE TABLE IF NOT EXISTS sweeps (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL,
  config_file     TEXT    NOT NULL,
  definition_hash TEXT    NOT NULL,
  definition_json TEXT    NOT NULL,
  created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX IF NOT EXISTS sweeps_by_name ON sweeps (name);

-- One row per point of a sweep. A worker claims a pending trial by setting it to 'running' and
-- refreshes heartbeat_at while it trains, so a running trial with an old heartbeat belongs to a dead
-- worker and may be claimed again. UNIQUE (sweep_id, point_index) also serves as the claim index.
CREATE TABLE IF NOT EXISTS trials (
  id           INTEGER PRIMARY KEY,
  sweep_id     INTEGER NOT NULL REFERENCES sweeps (id),
  point_index  INTEGER NOT NULL,
  config_hash  TEXT    NOT NULL,
  config_yaml  TEXT    NOT NULL,
  params_json  TEXT    NOT NULL,
  status       TEXT    NOT NULL
               CHECK (status IN ('pending', 'running', 'completed', 'failed', 'interrupted', 'diverged')),
  worker       TEXT,
  claimed_at   TEXT,
  heartbeat_at TEXT,
  run_id       INTEGER REFERENCES runs (id),
  attempts     INTEGER NOT NULL DEFAULT 0,
  error        TEXT,
  UNIQUE (sweep_id, point_index),
  UNIQUE (sweep_id, config_hash)
);

-- One row per swept or overridden config value of a run, named by its dotted config path
-- ('model.width', 'optimizer.lr', 'seed'). value has no declared type, so SQLite keeps each value
-- with the storage class it was bound with: 1e-7 stays the REAL 1e-7 and 64 stays the INTEGER 64.
CREATE TABLE IF NOT EXISTS run_params (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name   TEXT    NOT NULL CHECK (name <> ''),
  value,
  UNIQUE (run_id, name)
);

-- Metrics logged every N optimizer steps, as language tasks do. Non-finite values are stored as
-- text, as in metrics.
CREATE TABLE IF NOT EXISTS step_metrics (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step        INTEGER NOT NULL CHECK (step >= 0),
  epoch       INTEGER NOT NULL CHECK (epoch >= 0),
  name        TEXT    NOT NULL CHECK (name <> ''),
  value       REAL    NOT NULL,
  recorded_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (run_id, step, name)
);

-- Files that a run wrote, such as checkpoint.pt or embedding.vec, by name. path is absolute; the
-- files normally live in the run's folder (run_directory in results/run_files.h).
CREATE TABLE IF NOT EXISTS run_files (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name   TEXT    NOT NULL CHECK (name <> ''),
  path   TEXT    NOT NULL,
  UNIQUE (run_id, name)
);

-- The 0.975 quantile of Student's t distribution, for two-sided 95% confidence intervals, computed
-- with mpmath to 10 significant digits. seed_summary uses the row with the largest
-- degrees_of_freedom that does not exceed n - 1, which widens the interval slightly between rows.
CREATE TABLE IF NOT EXISTS student_t_975 (
  degrees_of_freedom INTEGER PRIMARY KEY CHECK (degrees_of_freedom >= 1),
  quantile           REAL    NOT NULL
);

INSERT OR IGNORE INTO student_t_975 (degrees_of_freedom, quantile) VALUES
  (1, 12.70620474), (2, 4.302652730), (3, 3.182446305), (4, 2.776445105), (5, 2.570581836),
  (6, 2.446911851), (7, 2.364624252), (8, 2.306004135), (9, 2.262157163), (10, 2.228138852),
  (11, 2.200985160), (12, 2.178812830), (13, 2.160368656), (14, 2.144786688), (15, 2.131449546),
  (16, 2.119905299), (17, 2.109815578), (18, 2.100922040), (19, 2.093024054), (20, 2.085963447),
  (21, 2.079613845), (22, 2.073873068), (23, 2.068657610), (24, 2.063898562), (25, 2.059538553),
  (26, 2.055529439), (27, 2.051830516), (28, 2.048407142), (29, 2.045229642), (30, 2.042272456),
  (40, 2.021075390), (50, 2.008559112), (60, 2.000297822), (80, 1.990063421), (100, 1.983971519),
  (120, 1.979930405);

-- One row per run: every column of run_summary and the version 2 columns of runs, plus
-- params, a JSON object of the run's run_params, and point_key, the same object without 'seed'.
-- Both objects list their keys in name order, so runs with equal values have equal text and
-- point_key groups the seeds of one point.
-- NOTE: SQLite 3.40 has no ORDER BY inside json_group_object, so the key order relies on the
-- aggregate visiting the rows of the ordered subquery in order, which SQLite does in practice.
CREATE VIEW IF NOT EXISTS final_epochs AS
SELECT
  s.*,
  r.sweep_id,
  r.trial_id,
  r.rerun_of,
  r.source_run,
  r.task,
  r.heartbeat_at,
  r.pid,
  r.resumed_count,
  r.diverged_epoch,
  r.diverged_step,
  (SELECT json_group_object(p.name, p.value)
   FROM (SELECT name, value FROM run_params WHERE run_id = r.id ORDER BY name) AS p) AS params,
  (SELECT json_group_object(p.name, p.value)
   FROM (SELECT name, value FROM run_params WHERE run_id = r.id AND name <> 'seed' ORDER BY name) AS p)
    AS point_key
FROM run_summary AS s
JOIN runs AS r ON r.id = s.run_id;

-- One row per run that recorded a finite test_accuracy, test_loss or held_out_loss. The best epoch
-- has the highest test_accuracy. A run without a finite accuracy uses the lowest test_loss, and a
-- language run, which has neither, the lowest held_out_loss. Ties go to the earliest epoch. chosen_by names
-- the metric that decided. Non-finite values (stored as text) never win.
CREATE VIEW IF NOT EXISTS best_epochs AS
WITH scored AS (
  SELECT
    e.*,
    CASE WHEN typeof(e.test_accuracy) IN ('integer', 'real') THEN e.test_accuracy END AS accuracy,
    CASE WHEN typeof(e.test_loss) IN ('integer', 'real') THEN e.test_loss END AS loss,
    CASE WHEN typeof(e.held_out_loss) IN ('integer', 'real') THEN e.held_out_loss END AS held_loss
  FROM epochs AS e
),
keyed AS (
  SELECT
    scored.*,
    CASE
      WHEN MAX(accuracy IS NOT NULL) OVER (PARTITION BY run_id) THEN 'test_accuracy'
      WHEN MAX(loss IS NOT NULL) OVER (PARTITION BY run_id) THEN 'test_loss'
      ELSE 'held_out_loss'
    END AS chosen_by
  FROM scored
),
ranked AS (
  SELECT
    keyed.*,
    CASE chosen_by WHEN 'test_accuracy' THEN -accuracy WHEN 'test_loss' THEN loss ELSE held_loss END AS sort_key
  FROM keyed
),
numbered AS (
  SELECT
    ranked.*,
    ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY sort_key IS NULL, sort_key, epoch) AS position
  FROM ranked
)
SELECT
  n.run_id,
  n.experiment,
  r.sweep_id,
  r.seed,
  n.chosen_by,
  n.epoch,
  n.train_loss,
  n.test_loss,
  n.train_accuracy,
  n.test_accuracy,
  n.seconds,
  n.images_per_second,
  n.learning_rate,
  n.held_out_loss,
  n.perplexity
FROM numbered AS n
JOIN runs AS r ON r.id = n.run_id
WHERE n.position = 1 AND n.sort_key IS NOT NULL;

-- Statistics over the seeds of one point: one row per sweep_id (NULL outside sweeps), experiment,
-- point_key and metric name, over the final epochs of completed runs. Every metric that the final
-- epoch recorded is included, but only its finite values. std is the sample standard deviation, and
-- the 95% confidence interval of the mean is mean +- t * std / sqrt(n), with t the 0.975 quantile of
-- Student's t for n - 1 degrees of freedom. std and the interval are NULL when n = 1.
CREATE VIEW IF NOT EXISTS seed_summary AS
WITH final_values AS (
  SELECT f.sweep_id, f.experiment, f.point_key, f.run_id, f.seed, m.name AS metric, m.value
  FROM final_epochs AS f
  JOIN metrics AS m ON m.run_id = f.run_id AND m.epoch = f.final_epoch
  WHERE f.status = 'completed' AND typeof(m.value) IN ('integer', 'real')
),
means AS (
  SELECT sweep_id, experiment, point_key, metric, count(*) AS n, avg(value) AS mean,
         min(value) AS minimum, max(value) AS maximum, json_group_array(seed) AS seeds
  FROM final_values
  GROUP BY sweep_id, experiment, point_key, metric
),
spreads AS (
  SELECT mn.*,
         CASE WHEN mn.n > 1 THEN
           sqrt((SELECT sum((v.value - mn.mean) * (v.value - mn.mean))
                 FROM final_values AS v
                 WHERE v.sweep_id IS mn.sweep_id AND v.experiment = mn.experiment
                   AND v.point_key = mn.point_key AND v.metric = mn.metric) / (mn.n - 1))
         END AS std,
         (SELECT t.quantile FROM student_t_975 AS t
          WHERE t.degrees_of_freedom <= mn.n - 1
          ORDER BY t.degrees_of_freedom DESC LIMIT 1) AS t_quantile
  FROM means AS mn
)
SELECT
  sweep_id,
  experiment,
  point_key,
  metric,
  n,
  mean,
  std,
  mean - t_quantile * std / sqrt(n) AS ci95_low,
  mean + t_quantile * std / sqrt(n) AS ci95_high,
  minimum,
  maximum,
  seeds
FROM spreads;
