// Run history in PostgreSQL (`MTO_DB=postgres://…`): the same table, migrations by version and
// queries as the SQLite store, so service replicas and workers on several machines share one
// history. The schema version lives in mto_schema; replicas starting together migrate under an
// advisory lock, one after the other.
import type pg from 'pg';
import { PG_MIGRATIONS } from './migrations';
import { COLUMNS, LIST_COLUMNS, SchemaTooNewError, summaryOf, values, type ListQuery, type NewRun, type Row, type RunRecord, type RunStore, type RunSummary } from './runs';

/** Any number: it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK = 7_263_001;

/** The URL as it may be shown: without its password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s.trim());

export class PgRunStore implements RunStore {
  readonly engine = 'postgres' as const;
  readonly where: string;
  schemaVersion = 0;

  private constructor(
    readonly pool: pg.Pool,
    url: string,
  ) {
    this.where = safeUrl(url);
  }

  /** Connects and migrates; rejects (and closes the pool) if either fails. */
  static async open(url: string, o: { max?: number } = {}): Promise<PgRunStore> {
    // Loaded here, not at the top: the CLI and an SQLite service never load the driver.
    const { default: pgm } = await import('pg');
    const pool = new pgm.Pool({ connectionString: url, max: o.max ?? 10, connectionTimeoutMillis: 10_000, application_name: 'mto-planner' });
    // An idle client that loses its server must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    const store = new PgRunStore(pool, url);
    try {
      store.schemaVersion = await store.migrate();
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  private async migrate(): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS mto_schema (version integer NOT NULL)');
      const have = Number((await c.query<{ version: number }>('SELECT version FROM mto_schema')).rows[0]?.version ?? 0);
      if (have > PG_MIGRATIONS.length) {
        throw new SchemaTooNewError(`${this.where} has schema version ${have}, newer than this program knows (${PG_MIGRATIONS.length}); upgrade MTO Planner or set MTO_DB to another database`);
      }
      for (let v = have; v < PG_MIGRATIONS.length; v++) await c.query(PG_MIGRATIONS[v]);
      await c.query('DELETE FROM mto_schema');
      await c.query('INSERT INTO mto_schema (version) VALUES ($1)', [PG_MIGRATIONS.length]);
      await c.query('COMMIT');
      return PG_MIGRATIONS.length;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async insert(r: NewRun): Promise<number> {
    const sql = `INSERT INTO runs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;
    return (await this.pool.query<{ id: number }>(sql, values(r))).rows[0].id;
  }

  async finish(id: number, r: NewRun): Promise<boolean> {
    const sql = `UPDATE runs SET ${COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $${COLUMNS.length + 1}`;
    return (await this.pool.query(sql, [...values(r), id])).rowCount === 1;
  }

  async list(q: ListQuery): Promise<{ runs: RunSummary[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    if (q.job) where.push(`job = ${p(q.job)}`);
    if (q.status) where.push(`status = ${p(q.status)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM runs ${filter}`, params)).rows[0].n);
    if (q.before !== undefined) where.push(`id < ${p(q.before)}`);
    const page = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT ${LIST_COLUMNS} FROM runs ${page} ORDER BY id DESC LIMIT ${p(q.limit)} OFFSET ${p(q.offset ?? 0)}`;
    const rows = (await this.pool.query<Row>(sql, params)).rows;
    return { runs: rows.map(summaryOf), total };
  }

  async get(id: number): Promise<RunRecord | undefined> {
    const r = (await this.pool.query<Row>(`SELECT ${LIST_COLUMNS}, input_gz, result_gz FROM runs WHERE id = $1`, [id])).rows[0];
    return r && { ...summaryOf(r), inputGz: r.input_gz ?? null, resultGz: r.result_gz ?? null };
  }

  async delete(id: number): Promise<boolean> {
    return (await this.pool.query('DELETE FROM runs WHERE id = $1', [id])).rowCount === 1;
  }

  async prune(before: string): Promise<number> {
    return (await this.pool.query('DELETE FROM runs WHERE created_at < $1', [before])).rowCount ?? 0;
  }

  async markInterrupted(before: string): Promise<number> {
    return (await this.pool.query("UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND created_at < $1", [before])).rowCount ?? 0;
  }

  async ping(): Promise<boolean> {
    return (await this.pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0].ok === 1;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
