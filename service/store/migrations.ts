// The run-history schema, as an ordered list of migrations. The database's `user_version` pragma
// records how many have been applied; opening a database applies the rest in one transaction.
// Append new steps; never edit one that has shipped.

export const MIGRATIONS: readonly string[] = [
  // 1: every plan, quote and supplier evaluation with what went in and what came out.
  `CREATE TABLE runs (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     job           TEXT    NOT NULL,             -- plan | quote | suppliers
     kind          TEXT    NOT NULL,             -- json | workbook | export
     status        TEXT    NOT NULL,             -- ok | invalid | failed
     created_at    TEXT    NOT NULL,             -- ISO time the request arrived
     wait_ms       INTEGER NOT NULL,             -- queued for a worker
     duration_ms   INTEGER NOT NULL,             -- read, validate, solve, write
     lang          TEXT    NOT NULL,
     options_json  TEXT    NOT NULL,
     solver        TEXT,
     solve_seconds REAL,
     variables     INTEGER,
     constraints   INTEGER,
     input_sha256  TEXT,                         -- same input, same hash: find reruns to compare
     input_bytes   INTEGER,
     input_gz      BLOB,                         -- gzip of the WorkbookRows JSON
     result_bytes  INTEGER,
     result_gz     BLOB,                         -- gzip of the JSON response body
     summary_json  TEXT,                         -- the job's small summary, for listings
     error_json    TEXT,                         -- problems (invalid) or the solve error (failed)
     request_id    TEXT,
     app_version   TEXT    NOT NULL
   );
   CREATE INDEX runs_job ON runs (job, id);`,
];
