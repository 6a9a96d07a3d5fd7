// Run history in SQLite (better-sqlite3, WAL): one row per plan, quote or evaluation. Inputs and
// results arrive already gzipped from the worker, so the main thread only copies bytes here.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type RunStatus = 'ok' | 'invalid' | 'failed';
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

interface Row {
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

const LIST_COLUMNS = `id, job, kind, status, created_at, wait_ms, duration_ms, lang, options_json, solver, solve_seconds,
  variables, constraints, input_sha256, input_bytes, result_bytes, summary_json, error_json, request_id, app_version`;

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function summaryOf(r: Row): RunSummary {
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

export class RunStore {
  readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 5000 });
    if ((this.db.pragma('user_version', { simple: true }) as number) <= MIGRATIONS.length) this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // durable across app crashes; WAL makes it safe
    this.db.pragma('foreign_keys = ON');
    try {
      migrate(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.insertStmt = this.db.prepare(`INSERT INTO runs (job, kind, status, created_at, wait_ms, duration_ms, lang, options_json,
      solver, solve_seconds, variables, constraints, input_sha256, input_bytes, input_gz, result_bytes, result_gz,
      summary_json, error_json, request_id, app_version)
      VALUES (@job, @kind, @status, @createdAt, @waitMs, @durationMs, @lang, @options, @solver, @solveSeconds, @variables,
      @constraints, @inputSha256, @inputBytes, @inputGz, @resultBytes, @resultGz, @summary, @error, @requestId, @appVersion)`);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  insert(r: NewRun): number {
    const info = this.insertStmt.run({
      job: r.job,
      kind: r.kind,
      status: r.status,
      createdAt: r.createdAt,
      waitMs: Math.round(r.waitMs),
      durationMs: Math.round(r.durationMs),
      lang: r.lang,
      options: JSON.stringify(r.options),
      solver: r.stats?.solver ?? null,
      solveSeconds: r.stats?.seconds ?? null,
      variables: r.stats?.variables ?? null,
      constraints: r.stats?.constraints ?? null,
      inputSha256: r.inputSha256 ?? null,
      inputBytes: r.inputBytes ?? null,
      inputGz: r.inputGz ? Buffer.from(r.inputGz.buffer, r.inputGz.byteOffset, r.inputGz.byteLength) : null,
      resultBytes: r.resultBytes ?? null,
      resultGz: r.resultGz ? Buffer.from(r.resultGz.buffer, r.resultGz.byteOffset, r.resultGz.byteLength) : null,
      summary: r.summary === undefined ? null : JSON.stringify(r.summary),
      error: r.error === undefined ? null : JSON.stringify(r.error),
      requestId: r.requestId ?? null,
      appVersion: r.appVersion,
    });
    return Number(info.lastInsertRowid);
  }

  /** Newest first. `before` (a run id) is a stable cursor; `offset` skips rows of the same listing. */
  list(q: { limit: number; offset?: number; before?: number; job?: string; status?: string }): { runs: RunSummary[]; total: number } {
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

  get(id: number): RunRecord | undefined {
    const r = this.db.prepare(`SELECT ${LIST_COLUMNS}, input_gz, result_gz FROM runs WHERE id = ?`).get(id) as Row | undefined;
    return r && { ...summaryOf(r), inputGz: r.input_gz ?? null, resultGz: r.result_gz ?? null };
  }

  /** Quick liveness probe for /health. */
  ping(): boolean {
    return this.db.open && (this.db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
