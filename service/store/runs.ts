// Run history: one row per plan, quote or evaluation, behind one interface (RunStore) with two
// engines — SQLite here (better-sqlite3, WAL: the embedded default) and PostgreSQL (pg-runs.ts).
// Inputs and results arrive already gzipped from the worker, so the main thread only copies bytes.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { checkpointInBackground, type Checkpointer } from './checkpoint';

/** running: started, not finished yet; interrupted: the process died under it (found at the next start). */
export type RunStatus = 'ok' | 'invalid' | 'failed' | 'running' | 'interrupted';
export const RUN_STATUSES = ['ok', 'invalid', 'failed', 'running', 'interrupted'] as const;
export type RunKind = 'json' | 'workbook' | 'export';

export interface NewRun {
  job: string;
  kind: RunKind;
  status: RunStatus;
  createdAt: string;
  waitMs: number;
  durationMs: number;
  lang: string;
  options: Record<string, unknown>;
  stats?: { solver: string; seconds: number; variables: number; constraints: number };
  inputSha256?: string;
  inputBytes?: number;
  inputGz?: Uint8Array;
  resultBytes?: number;
  resultGz?: Uint8Array;
  summary?: unknown;
  error?: unknown;
  requestId?: string;
  appVersion: string;
}

/** A listing row: everything of NewRun but the blobs, with absent values stored as null. */
export type RunSummary = { id: number } & {
  [K in Exclude<keyof NewRun, 'inputGz' | 'resultGz'>]-?: undefined extends NewRun[K] ? Exclude<NewRun[K], undefined> | null : NewRun[K];
};

export type RunRecord = RunSummary & {
  inputGz: Buffer | null;
  resultGz: Buffer | null;
};

export interface Row {
  id: number;
  job: string;
  kind: RunKind;
  status: RunStatus;
  created_at: string;
  wait_ms: number;
  duration_ms: number;
  lang: string;
  options_json: string;
  solver: string | null;
  solve_seconds: number | null;
  variables: number | null;
  constraints: number | null;
  input_sha256: string | null;
  input_bytes: number | null;
  result_bytes: number | null;
  summary_json: string | null;
  error_json: string | null;
  request_id: string | null;
  app_version: string;
  input_gz?: Buffer | null;
  result_gz?: Buffer | null;
}

export const LIST_COLUMNS = `id, job, kind, status, created_at, wait_ms, duration_ms, lang, options_json, solver, solve_seconds,
  variables, constraints, input_sha256, input_bytes, result_bytes, summary_json, error_json, request_id, app_version`;

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function summaryOf(r: Row): RunSummary {
  return {
    id: r.id,
    job: r.job,
    kind: r.kind,
    status: r.status,
    createdAt: r.created_at,
    waitMs: r.wait_ms,
    durationMs: r.duration_ms,
    lang: r.lang,
    options: JSON.parse(r.options_json) as Record<string, unknown>,
    stats: r.solver === null ? null : { solver: r.solver, seconds: r.solve_seconds ?? 0, variables: r.variables ?? 0, constraints: r.constraints ?? 0 },
    inputSha256: r.input_sha256,
    inputBytes: r.input_bytes,
    resultBytes: r.result_bytes,
    summary: parse(r.summary_json),
    error: parse(r.error_json),
    requestId: r.request_id,
    appVersion: r.app_version,
  };
}

export class SchemaTooNewError extends Error {}

export interface ListQuery {
  limit: number;
  offset?: number;
  before?: number;
  job?: string;
  status?: string;
}

/** What both engines do. Every method may reject (disk full, database gone); callers decide. */
export interface RunStore {
  readonly engine: 'sqlite' | 'postgres';
  /** the file, or the database URL without its password: for messages and /health */
  readonly where: string;
  readonly schemaVersion: number;
  /** a new run; its id */
  insert(r: NewRun): Promise<number>;
  /** rewrites run `id` with its outcome (the same id on a retry: one run, not two); false if it is gone */
  finish(id: number, r: NewRun): Promise<boolean>;
  /** newest first; `before` (a run id) is a stable cursor, `offset` skips rows of the same listing */
  list(q: ListQuery): Promise<{ runs: RunSummary[]; total: number }>;
  get(id: number): Promise<RunRecord | undefined>;
  /** false if there was no such run */
  delete(id: number): Promise<boolean>;
  /** deletes runs created before this ISO time (retention); how many */
  prune(before: string): Promise<number>;
  /** runs still `running` that were created before this ISO time become `interrupted`; how many */
  markInterrupted(before: string): Promise<number>;
  /** quick liveness probe for /health */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The row's values in column order for INSERT and UPDATE (both engines). */
export const COLUMNS = [
  'job', 'kind', 'status', 'created_at', 'wait_ms', 'duration_ms', 'lang', 'options_json', 'solver', 'solve_seconds', 'variables',
  'constraints', 'input_sha256', 'input_bytes', 'input_gz', 'result_bytes', 'result_gz', 'summary_json', 'error_json', 'request_id', 'app_version',
] as const;

const buf = (b: Uint8Array | undefined): Buffer | null => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : null);

export function values(r: NewRun): unknown[] {
  return [
    r.job, r.kind, r.status, r.createdAt, Math.round(r.waitMs), Math.round(r.durationMs), r.lang, JSON.stringify(r.options),
    r.stats?.solver ?? null, r.stats?.seconds ?? null, r.stats?.variables ?? null, r.stats?.constraints ?? null,
    r.inputSha256 ?? null, r.inputBytes ?? null, buf(r.inputGz), r.resultBytes ?? null, buf(r.resultGz),
    r.summary === undefined ? null : JSON.stringify(r.summary), r.error === undefined ? null : JSON.stringify(r.error),
    r.requestId ?? null, r.appVersion,
  ];
}

/** Applies the migrations this database has not seen yet; refuses a database from a newer version. */
export function migrate(db: Database.Database): number {
  const have = db.pragma('user_version', { simple: true }) as number;
  if (have > MIGRATIONS.length) {
    throw new SchemaTooNewError(`${db.name} has schema version ${have}, newer than this program knows (${MIGRATIONS.length}); upgrade MTO Planner or set MTO_DB to another file`);
  }
  db.transaction(() => {
    for (let v = have; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  return MIGRATIONS.length;
}

/**
 * Creates the database file readable and writable by its owner only (0600; SQLite gives its -wal
 * and -shm files the same mode), in a folder only the owner can enter when we create that too.
 * A file that already exists keeps its mode: the owner chose it.
 */
function createPrivate(path: string): void {
  if (path === ':memory:' || existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

export class SqliteRunStore implements RunStore {
  readonly engine = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;
  private readonly finishStmt: Database.Statement;
  private checkpointer?: Checkpointer;

  constructor(readonly where: string) {
    createPrivate(where);
    // The native module is loaded when a history is opened, not by every CLI start that imports this file.
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    this.db = new Sqlite(where, { timeout: 5000 });
    try {
      if ((this.db.pragma('user_version', { simple: true }) as number) <= MIGRATIONS.length) this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL'); // durable across app crashes; WAL makes it safe
      this.db.pragma('foreign_keys = ON');
      migrate(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.insertStmt = this.db.prepare(`INSERT INTO runs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.finishStmt = this.db.prepare(`UPDATE runs SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async insert(r: NewRun): Promise<number> {
    return Number(this.insertStmt.run(...values(r)).lastInsertRowid);
  }

  async finish(id: number, r: NewRun): Promise<boolean> {
    return this.finishStmt.run(...values(r), id).changes === 1;
  }

  async list(q: ListQuery): Promise<{ runs: RunSummary[]; total: number }> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit, offset: q.offset ?? 0 };
    if (q.job) (where.push('job = @job'), (params.job = q.job));
    if (q.status) (where.push('status = @status'), (params.status = q.status));
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM runs ${filter}`).get(params) as { n: number }).n;
    if (q.before !== undefined) (where.push('id < @before'), (params.before = q.before));
    const page = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT ${LIST_COLUMNS} FROM runs ${page} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all(params) as Row[];
    return { runs: rows.map(summaryOf), total };
  }

  async get(id: number): Promise<RunRecord | undefined> {
    const r = this.db.prepare(`SELECT ${LIST_COLUMNS}, input_gz, result_gz FROM runs WHERE id = ?`).get(id) as Row | undefined;
    return r && { ...summaryOf(r), inputGz: r.input_gz ?? null, resultGz: r.result_gz ?? null };
  }

  async delete(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes === 1;
  }

  async prune(before: string): Promise<number> {
    return this.db.prepare('DELETE FROM runs WHERE created_at < ?').run(before).changes;
  }

  async markInterrupted(before: string): Promise<number> {
    return this.db.prepare("UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND created_at < ?").run(before).changes;
  }

  async ping(): Promise<boolean> {
    return this.db.open && (this.db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
  }

  /**
   * The service: WAL checkpoints on a thread of their own (store/checkpoint.ts), so no write on
   * the main thread waits for one. Files only (an in-memory database has no WAL).
   */
  checkpointInBackground(everyMs?: number): void {
    if (this.checkpointer || this.where === ':memory:' || this.db.pragma('journal_mode', { simple: true }) !== 'wal') return;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = checkpointInBackground(this.where, everyMs);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }
}
