// Under load: /health stays fast while a worker is busy, a burst beyond the queue gets 429 with
// Retry-After, and a solve that overruns the service's time limit is stopped (422) while the
// server carries on. The slow work is a real quote simulation with many draws.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkbookRows } from '../../shared/rows';
import { postJson, sampleRows, sampleXlsx, startServer, withSetting, XLSX, type Server } from './harness';

let rows: WorkbookRows;
beforeAll(async () => {
  rows = await sampleRows();
});

/**
 * The sample's quotes with `runs` simulation draws each, the Quotes rows repeated `copies` times;
 * without Orders, so delivery promises are quick and the draws are the work.
 */
function slowQuotes(runs: number, copies = 1): WorkbookRows {
  const { Orders: _, ...b } = withSetting(rows, 'SimulationRuns', runs);
  const base = b.Quotes.rows.filter((r) => r[0]);
  b.Quotes.rows = Array.from({ length: copies }, (_, c) => base.map((r) => [c ? `${r[0]}-${c}` : r[0], ...r.slice(1)])).flat();
  return b;
}

const health = async (url: string) => {
  const t = performance.now();
  const r = await fetch(`${url}/api/v1/health`);
  const body = (await r.json()) as { workers: { busy: number; queued: number; ready: number } };
  return { ms: performance.now() - t, status: r.status, workers: body.workers };
};

describe('one worker, a queue of one', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startServer({ MTO_WORKERS: '1', MTO_QUEUE: '1' });
  });
  afterAll(async () => {
    await s.stop();
  });

  test('/health answers within 100 ms while a long solve runs', async () => {
    const file = await sampleXlsx();
    // 6 quote lines × 400,000 draws: a few seconds of work on the single worker.
    const long = postJson(`${s.url}/api/v1/quotes/simulate`, { workbook: slowQuotes(400_000) });
    let h = await health(s.url);
    for (let i = 0; i < 100 && h.workers.busy === 0; i++) h = await health(s.url);
    expect(h.workers.busy).toBe(1);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await health(s.url);
      expect(r.status).toBe(200);
      times.push(r.ms);
    }
    expect((await health(s.url)).workers.busy).toBe(1); // still solving: every probe ran during the solve
    expect(Math.max(...times)).toBeLessThan(100);

    // The one queue place taken as well: an upload asking for JSON is turned away like any request.
    const queued = postJson(`${s.url}/api/v1/suppliers/evaluate`, { workbook: rows });
    for (let i = 0; i < 100 && h.workers.queued === 0; i++) h = await health(s.url);
    expect(h.workers).toMatchObject({ busy: 1, queued: 1 });
    const up = await fetch(`${s.url}/api/v1/workbook/suppliers`, { method: 'POST', headers: { 'content-type': XLSX, accept: 'application/json' }, body: file });
    expect(up.status).toBe(429);
    expect(Number(up.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await up.json()) as { error: string }).error).toMatch(/busy/);
    expect((await long).status).toBe(200);
    expect((await queued).status).toBe(200);
  });

  test('a burst beyond one running + one queued gets 429 with Retry-After', async () => {
    const body = { workbook: slowQuotes(20_000) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => postJson(`${s.url}/api/v1/quotes/simulate`, body)));
    const statuses = answers.map((r) => r.status).sort();
    // 6 at once: 1 runs, 1 waits, the other 4 are turned away (none can finish before all 6 arrive).
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    for (const r of answers.filter((a) => a.status === 429)) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await r.json()) as { error: string }).error).toMatch(/busy/);
    }
    expect((await postJson(`${s.url}/api/v1/suppliers/evaluate`, { workbook: rows })).status).toBe(200);
  });
});

test('a solve that overruns the service time limit is stopped with 422, and the next one runs', async () => {
  // MTO_SOLVE_TIMEOUT=1: the worker is terminated at 1 × 1.25 + 1 = 2.25 s; the quote below needs far longer.
  const s = await startServer({ MTO_SOLVE_TIMEOUT: '1' });
  try {
    const t = performance.now();
    const r = await postJson(`${s.url}/api/v1/quotes/simulate`, { workbook: slowQuotes(1_000_000, 2) });
    const body = (await r.json()) as { error: string; reason: string; runId: number };
    expect(r.status).toBe(422);
    expect(body.reason).toBe('timeLimit');
    expect(body.error).toMatch(/time limit of 1 s/);
    expect(performance.now() - t).toBeLessThan(8000);
    const run = await (await fetch(`${s.url}/api/v1/runs/${body.runId}`)).json();
    expect(run).toMatchObject({ job: 'quote', status: 'failed', error: { reason: 'timeLimit' }, input: null });
    // A fresh worker replaces the stopped one and takes the next request.
    expect((await postJson(`${s.url}/api/v1/suppliers/evaluate`, { workbook: rows })).status).toBe(200);
    expect(s.logs.some((l) => l.includes('task overran; worker terminated'))).toBe(true);
  } finally {
    await s.stop();
  }
});
