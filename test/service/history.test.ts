// The run history as a user meets it through the service (SQLite, the default): deleting a run,
// the file's mode, a run a crash interrupted, start-up errors naming the file and MTO_DB, and a
// full disk that costs the caller nothing but the stored run.
import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, expect, test } from 'vitest';
import { createApp } from '../../service/app';
import { loadConfig } from '../../service/config';
import { ThreadRunner } from '../../service/solve-runner';
import type { SolveResult, SolveTask } from '../../service/solve-worker';
import { RunRecorder } from '../../service/store/record';
import { SqliteRunStore } from '../../service/store/runs';
import { WorkerPool } from '../../service/worker-pool';
import { ROOT, tempDir } from '../helpers';
import { postJson, sampleRows, ServerExited, startServer, withSetting, type Server } from './harness';

const started: Server[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const c of closers) await c();
});

test('DELETE /runs/:id removes a run; the database file is readable by its owner only', async () => {
  const dir = tempDir('mto-history-');
  const db = join(dir, 'new-folder', 'history.db');
  const s = await startServer({ MTO_DB: db });
  started.push(s);
  expect((statSync(db).mode & 0o777).toString(8)).toBe('600');
  const { Orders: _o, ...rows } = await sampleRows(); // no orders: the quote's promise search is quick
  const q = await (await postJson(`${s.url}/api/v1/quotes/simulate`, { workbook: rows })).json();
  expect((await fetch(`${s.url}/api/v1/runs/${q.runId}`)).status).toBe(200);
  const del = await fetch(`${s.url}/api/v1/runs/${q.runId}`, { method: 'DELETE' });
  expect(del.status).toBe(204);
  expect((await fetch(`${s.url}/api/v1/runs/${q.runId}`)).status).toBe(404);
  expect((await fetch(`${s.url}/api/v1/runs/${q.runId}`, { method: 'DELETE' })).status).toBe(404);
  expect((await fetch(`${s.url}/api/v1/runs/abc`, { method: 'DELETE' })).status).toBe(400);
  expect((await (await fetch(`${s.url}/api/v1/runs`)).json()).total).toBe(0);
});

test('a run a killed server left running is marked interrupted at the next start', async () => {
  const db = join(tempDir('mto-history-'), 'history.db');
  const a = await startServer({ MTO_DB: db });
  started.push(a);
  const { Orders: _o, ...rows } = withSetting(await sampleRows(), 'SimulationRuns', 300_000);
  void postJson(`${a.url}/api/v1/quotes/simulate`, { workbook: rows }).catch(() => undefined);
  let running: { id: number; status: string }[] = [];
  for (let i = 0; i < 200 && !running.length; i++) {
    running = (await (await fetch(`${a.url}/api/v1/runs?status=running`)).json()).runs;
    if (!running.length) await new Promise((r) => setTimeout(r, 50));
  }
  expect(running).toHaveLength(1);
  await a.stop('SIGKILL');

  const b = await startServer({ MTO_DB: db });
  started.push(b);
  const run = await (await fetch(`${b.url}/api/v1/runs/${running[0].id}`)).json();
  expect(run).toMatchObject({ id: running[0].id, job: 'quote', status: 'interrupted', result: null });
  expect(b.logs.some((l) => l.includes('"interrupted":1'))).toBe(true);
});

test('start-up errors about the database name the file and MTO_DB', async () => {
  const file = join(tempDir('mto-history-'), 'budget.txt');
  writeFileSync(file, 'not a database, somebody\'s notes\n'.repeat(200));
  const err = (await startServer({ MTO_DB: file }).catch((e: unknown) => e)) as ServerExited;
  expect(err).toBeInstanceOf(ServerExited);
  expect(err.code).toBe(1);
  expect(err.logs.join('\n')).toContain(`refusing to start: ${file} is not an SQLite database (MTO_DB)`);
});

test('disk full: the caller still gets the plan, the run is marked unsaved, /health says the store is degraded', async () => {
  const path = join(tempDir('mto-history-'), 'history.db');
  const store = new SqliteRunStore(path);
  const config = loadConfig({ MTO_DB: path, MTO_WORKERS: '1', MTO_ROOT: ROOT });
  const pool = new WorkerPool<SolveTask, SolveResult>({ file: config.workerFile, size: 1, queueMax: 4 });
  await pool.start();
  const runner = new ThreadRunner(pool, new RunRecorder(store));
  const app = createApp({ config, runner, log: pino({ level: 'silent' }), version: 'test' });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  closers.push(() => new Promise((r) => server.close(r)), () => pool.close(0), () => store.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows = await sampleRows();

  // SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow by one more page.
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages}`);
  const r = await postJson(`${url}/api/v1/plan`, { workbook: rows });
  expect(r.status).toBe(200);
  expect(r.headers.get('x-run-saved')).toBe('false');
  const body = await r.json();
  expect(body).toMatchObject({ status: 'optimal', runId: null, runSaved: false });
  expect(body.orders.length).toBeGreaterThan(0);
  const h = await fetch(`${url}/api/v1/health`);
  expect(h.status).toBe(200);
  expect(await h.json()).toMatchObject({ status: 'degraded', db: { ok: true, state: 'degraded', writeError: { message: expect.stringMatching(/full/) } } });

  // Space again: the next plan is stored and the store is ok.
  store.db.pragma('max_page_count = 1073741823');
  const again = await (await postJson(`${url}/api/v1/plan`, { workbook: rows })).json();
  expect(again.runId).toEqual(expect.any(Number));
  expect(again.runSaved).toBeUndefined();
  expect(await (await fetch(`${url}/api/v1/health`)).json()).toMatchObject({ status: 'ok', db: { state: 'ok' } });
  const check = new Database(path, { readonly: true });
  expect(check.prepare('SELECT status FROM runs WHERE id = ?').get(again.runId)).toEqual({ status: 'ok' });
  check.close();
});
