// The run store: one suite, run against a real SQLite file and a real PostgreSQL database (MTO_TEST_PG).
// Schema versions, pagination, rewriting a run by id, delete, retention, interrupted runs, refusing
// a database written by a newer version; then what only one engine has (WAL and file modes; URLs).
import Database from 'better-sqlite3';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATIONS, PG_MIGRATIONS } from '../../service/store/migrations';
import { openRunStore, StoreOpenError } from '../../service/store/open';
import { PgRunStore } from '../../service/store/pg-runs';
import { SchemaTooNewError, SqliteRunStore, type NewRun, type RunStore } from '../../service/store/runs';
import { tempDir } from '../helpers';
import { freshDatabase, requirePostgres } from './pg';

const run = (i: number, over: Partial<NewRun> = {}): NewRun => ({
  job: i % 2 ? 'plan' : 'quote',
  kind: 'json',
  status: 'ok',
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  waitMs: 0,
  durationMs: 10 + i,
  lang: 'en',
  options: { lang: 'en', timeLimitSeconds: 60 },
  inputGz: gzipSync(JSON.stringify({ n: i })),
  inputBytes: 7,
  appVersion: 'test',
  ...over,
});

/** An engine: a new empty database, and how to open a store on it (again). */
interface Engine {
  fresh(): Promise<{ open: () => Promise<RunStore>; setVersion: (v: number) => Promise<void>; tables: () => Promise<string[]> }>;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

const sqlite: Engine = {
  async fresh() {
    const path = join(tempDir('mto-store-'), 'sub', 'runs.db'); // the folder is created too
    return {
      open: () => openRunStore(path),
      setVersion: async (v) => {
        mkdirSync(dirname(path), { recursive: true });
        const db = new Database(path);
        db.pragma(`user_version = ${v}`);
        db.close();
      },
      tables: async () => {
        const db = new Database(path, { readonly: true });
        const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
        db.close();
        return names;
      },
    };
  },
};

const postgres: Engine = {
  async fresh() {
    const { url, drop } = await freshDatabase();
    cleanups.push(drop);
    const sql = async <T,>(text: string): Promise<T[]> => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text)).rows as T[];
      } finally {
        await c.end();
      }
    };
    return {
      open: () => openRunStore(url),
      setVersion: async (v) => {
        await sql('CREATE TABLE IF NOT EXISTS mto_schema (version integer NOT NULL)');
        await sql(`DELETE FROM mto_schema; INSERT INTO mto_schema VALUES (${v})`);
      },
      tables: async () => (await sql<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => r.tablename),
    };
  },
};

const engines: [string, Engine][] = [['SQLite', sqlite]];
if (requirePostgres('run store on PostgreSQL')) engines.push(['PostgreSQL', postgres]);

describe.each(engines)('run store on %s', (_name, engine) => {
  test('a new database gets every migration and keeps runs across reopening', async () => {
    const db = await engine.fresh();
    const a = await db.open();
    expect(a.schemaVersion).toBe(MIGRATIONS.length);
    const id = await a.insert(run(1, { stats: { solver: 'highs-ipm', seconds: 0.25, variables: 120, constraints: 80 }, summary: { orders: 3 } }));
    await a.close();

    const b = await db.open(); // migrations already applied: nothing re-run, data intact
    expect(b.schemaVersion).toBe(MIGRATIONS.length);
    const got = (await b.get(id))!;
    expect(got).toMatchObject({ id, job: 'plan', status: 'ok', durationMs: 11, stats: { solver: 'highs-ipm', seconds: 0.25, variables: 120, constraints: 80 }, summary: { orders: 3 } });
    expect(JSON.parse(gunzipSync(got.inputGz!).toString())).toEqual({ n: 1 });
    expect(got.resultGz).toBeNull();
    await b.close();
  });

  test('listing is newest first, paginates by offset or id cursor, filters, and leaves out the blobs', async () => {
    const s = await (await engine.fresh()).open();
    for (let i = 1; i <= 7; i++) await s.insert(run(i));
    const p1 = await s.list({ limit: 3 });
    expect(p1.total).toBe(7);
    expect(p1.runs.map((r) => r.id)).toEqual([7, 6, 5]);
    expect(Object.keys(p1.runs[0])).not.toContain('inputGz');
    expect((await s.list({ limit: 3, offset: 3 })).runs.map((r) => r.id)).toEqual([4, 3, 2]);
    expect((await s.list({ limit: 3, before: 5 })).runs.map((r) => r.id)).toEqual([4, 3, 2]);
    // odd ids are plans: 1, 3, 5, 7
    const plans = await s.list({ limit: 10, job: 'plan' });
    expect(plans.total).toBe(4);
    expect(plans.runs.map((r) => r.id)).toEqual([7, 5, 3, 1]);
    await s.close();
  });

  test('finishing a run rewrites the same row: a retried job writes one run, not two', async () => {
    const s = await (await engine.fresh()).open();
    const id = await s.insert(run(1, { status: 'running', inputGz: undefined, inputBytes: undefined }));
    expect(await s.finish(id, run(1, { status: 'ok', resultGz: gzipSync('{"objective":5}'), resultBytes: 15 }))).toBe(true);
    expect(await s.finish(id, run(1, { status: 'ok', resultGz: gzipSync('{"objective":5}'), resultBytes: 15 }))).toBe(true); // the retry
    const all = await s.list({ limit: 10 });
    expect(all.total).toBe(1);
    expect(all.runs[0]).toMatchObject({ id, status: 'ok', resultBytes: 15 });
    expect(gunzipSync((await s.get(id))!.resultGz!).toString()).toBe('{"objective":5}');
    expect(await s.finish(id + 1, run(2))).toBe(false); // no such run: nothing written
    await s.close();
  });

  test('delete removes a run with its input and result; retention deletes runs older than the cutoff', async () => {
    const s = await (await engine.fresh()).open();
    for (let i = 1; i <= 5; i++) await s.insert(run(i)); // created 00:01 … 00:05
    expect(await s.delete(2)).toBe(true);
    expect(await s.get(2)).toBeUndefined();
    expect(await s.delete(2)).toBe(false);
    // Cutoff 00:04: runs 1 and 3 are older (2 is gone already); 4 and 5 stay.
    expect(await s.prune(new Date(Date.UTC(2026, 0, 1, 0, 4)).toISOString())).toBe(2);
    expect((await s.list({ limit: 10 })).runs.map((r) => r.id)).toEqual([5, 4]);
    await s.close();
  });

  test('runs left running before the cutoff become interrupted; later ones and finished ones are untouched', async () => {
    const s = await (await engine.fresh()).open();
    const old = await s.insert(run(1, { status: 'running' }));
    const done = await s.insert(run(2, { status: 'ok' }));
    const young = await s.insert(run(9, { status: 'running' }));
    expect(await s.markInterrupted(new Date(Date.UTC(2026, 0, 1, 0, 5)).toISOString())).toBe(1);
    expect((await s.get(old))!.status).toBe('interrupted');
    expect((await s.get(done))!.status).toBe('ok');
    expect((await s.get(young))!.status).toBe('running');
    expect((await s.list({ limit: 10, status: 'interrupted' })).runs.map((r) => r.id)).toEqual([old]);
    await s.close();
  });

  test('a database from a newer version is refused, not modified', async () => {
    const db = await engine.fresh();
    await db.setVersion(MIGRATIONS.length + 1);
    const err = await db.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaTooNewError);
    expect((err as Error).message).toMatch(new RegExp(`schema version ${MIGRATIONS.length + 1}.*MTO_DB`));
    expect(await db.tables()).not.toContain('runs');
  });
});

describe('run store: engine specifics', () => {
  test('both engines know the same number of migrations', () => {
    expect(PG_MIGRATIONS.length).toBe(MIGRATIONS.length);
  });

  test('SQLite: WAL journaling, and the file (with its -wal and -shm) readable by its owner only', async () => {
    const dir = tempDir('mto-store-');
    const path = join(dir, 'private', 'runs.db');
    const s = (await openRunStore(path)) as SqliteRunStore;
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await s.insert(run(1));
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(join(dir, 'private')).mode & 0o777).toString(8)).toBe('700');
    await s.close();
  });

  test('SQLite: start-up errors name the file and MTO_DB', async () => {
    const dir = tempDir('mto-store-');
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(100));
    const e1 = (await openRunStore(notDb).catch((e: unknown) => e)) as Error;
    expect(e1).toBeInstanceOf(StoreOpenError);
    expect(e1.message).toContain(notDb);
    expect(e1.message).toMatch(/not an SQLite database \(MTO_DB\)/);
    // A folder where the file should be: cannot be opened.
    const e2 = (await openRunStore(dir).catch((e: unknown) => e)) as Error;
    expect(e2.message).toContain(dir);
    expect(e2.message).toContain('MTO_DB');
  });

  test('PostgreSQL: an unreachable server is named by its URL without the password, with MTO_DB', async () => {
    const e = (await openRunStore('postgres://planner:s3cret@127.0.0.1:1/history').catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(StoreOpenError);
    expect(e.message).toContain('postgres://planner:***@127.0.0.1:1/history (MTO_DB)');
    expect(e.message).not.toContain('s3cret');
    expect(e.message).toMatch(/cannot reach/);
  });

  if (engines.length > 1) {
    test('PostgreSQL: two replicas starting at once migrate once', async () => {
      const db = await postgres.fresh();
      const [a, b] = await Promise.all([db.open(), db.open()]);
      expect([a.schemaVersion, b.schemaVersion]).toEqual([PG_MIGRATIONS.length, PG_MIGRATIONS.length]);
      expect(a).toBeInstanceOf(PgRunStore);
      const id = await a.insert(run(1));
      expect((await b.get(id))!.job).toBe('plan');
      await Promise.all([a.close(), b.close()]);
    });
  }
});
