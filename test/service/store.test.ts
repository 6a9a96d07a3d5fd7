// The run store on a real SQLite file: schema version, WAL, pagination, and refusing a database
// written by a newer version.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../service/store/migrations';
import { RunStore, SchemaTooNewError, type NewRun } from '../../service/store/runs';
import { tempDir } from '../helpers';

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

describe('run store', () => {
  test('a new database gets every migration, WAL journaling, and keeps runs across reopening', () => {
    const path = join(tempDir('mto-store-'), 'sub', 'runs.db'); // the folder is created too
    const a = new RunStore(path);
    expect(a.schemaVersion).toBe(MIGRATIONS.length);
    expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const id = a.insert(run(1, { stats: { solver: 'highs-ipm', seconds: 0.25, variables: 120, constraints: 80 }, summary: { orders: 3 } }));
    a.close();

    const b = new RunStore(path); // migrations already applied: nothing re-run, data intact
    expect(b.schemaVersion).toBe(MIGRATIONS.length);
    const got = b.get(id)!;
    expect(got).toMatchObject({ id, job: 'plan', status: 'ok', durationMs: 11, stats: { solver: 'highs-ipm', seconds: 0.25, variables: 120, constraints: 80 }, summary: { orders: 3 } });
    expect(JSON.parse(gunzipSync(got.inputGz!).toString())).toEqual({ n: 1 });
    expect(got.resultGz).toBeNull();
    b.close();
  });

  test('listing is newest first, paginates by offset or id cursor, filters, and leaves out the blobs', () => {
    const s = new RunStore(':memory:');
    for (let i = 1; i <= 7; i++) s.insert(run(i));
    const p1 = s.list({ limit: 3 });
    expect(p1.total).toBe(7);
    expect(p1.runs.map((r) => r.id)).toEqual([7, 6, 5]);
    expect(Object.keys(p1.runs[0])).not.toContain('inputGz');
    expect(s.list({ limit: 3, offset: 3 }).runs.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(s.list({ limit: 3, before: 5 }).runs.map((r) => r.id)).toEqual([4, 3, 2]);
    // odd ids are plans: 1, 3, 5, 7
    const plans = s.list({ limit: 10, job: 'plan' });
    expect(plans.total).toBe(4);
    expect(plans.runs.map((r) => r.id)).toEqual([7, 5, 3, 1]);
    s.close();
  });

  test('a database from a newer version is refused, not modified', () => {
    const path = join(tempDir('mto-store-'), 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new RunStore(path)).toThrow(SchemaTooNewError);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'runs'").get()).toEqual({ n: 0 });
    check.close();
  });
});
