// Runs survive a restart (same MTO_DB file), and SIGTERM lets a solve in flight finish.
import { afterAll, expect, test } from 'vitest';
import { join } from 'node:path';
import { postJson, sampleRows, ServerExited, startServer, withSetting, type Server } from './harness';
import { tempDir } from '../helpers';
import Database from 'better-sqlite3';

const started: Server[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

test('a run stored by one server is read back, unchanged, after a restart', async () => {
  const db = join(tempDir('mto-restart-'), 'history.db');
  // The sample without its orders: the quote's delivery promise is then quick to search.
  const { Orders: _o, ...rows } = await sampleRows();
  const a = await startServer({ MTO_DB: db });
  started.push(a);
  const quote = await (await postJson(`${a.url}/api/v1/quotes/simulate`, { workbook: rows })).json();
  const before = await (await fetch(`${a.url}/api/v1/runs/${quote.runId}`)).json();
  expect(await a.stop()).toBe(0);

  const b = await startServer({ MTO_DB: db });
  started.push(b);
  const after = await (await fetch(`${b.url}/api/v1/runs/${quote.runId}`)).json();
  expect(after).toEqual(before);
  const { runId: _, ...result } = quote;
  const { sheets: _s, ...stored } = after.result; // the run keeps the result sheets too
  expect(stored).toEqual(result);
  expect(after.input).toEqual(rows);
  // New runs continue the numbering.
  const next = await (await postJson(`${b.url}/api/v1/suppliers/evaluate`, { workbook: rows })).json();
  expect(next.runId).toBe(quote.runId + 1);
  expect((await (await fetch(`${b.url}/api/v1/runs`)).json()).total).toBe(2);
});

test('SIGTERM: the solve in flight finishes and is answered, then the server exits 0', async () => {
  const db = join(tempDir('mto-restart-'), 'history.db');
  const rows = await sampleRows();
  const s = await startServer({ MTO_DB: db });
  started.push(s);
  // A quote with 300,000 draws per line keeps the worker busy for a moment.
  const { Orders: _, ...slow } = withSetting(rows, 'SimulationRuns', 300_000);
  const inFlight = postJson(`${s.url}/api/v1/quotes/simulate`, { workbook: slow });
  for (let i = 0; i < 100; i++) {
    const h = await (await fetch(`${s.url}/api/v1/health`)).json();
    if (h.workers.busy) break;
  }
  s.proc.kill('SIGTERM');
  const r = await inFlight;
  expect(r.status).toBe(200);
  const body = await r.json();
  expect(await s.exited).toBe(0);
  expect(s.logs.some((l) => l.includes('"finished":1'))).toBe(true);
  // The store was closed cleanly with the run in it.
  const check = new Database(db, { readonly: true });
  expect(check.prepare('SELECT status FROM runs WHERE id = ?').get(body.runId)).toEqual({ status: 'ok' });
  check.close();
});

test('a database from a newer version stops the server at start', async () => {
  const db = join(tempDir('mto-restart-'), 'future.db');
  const d = new Database(db);
  d.pragma('user_version = 999');
  d.close();
  const err = (await startServer({ MTO_DB: db }).catch((e: unknown) => e)) as ServerExited;
  expect(err).toBeInstanceOf(ServerExited);
  expect(err.code).toBe(1);
  expect(err.logs.join('\n')).toMatch(/schema version 999/);
});
