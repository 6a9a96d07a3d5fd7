// The worker pool with real worker_threads running a tiny fixture worker that speaks the same
// protocol as dist/solve-worker.js: ready → task → result.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { QueueFullError, ShuttingDownError, TaskTimeoutError, WorkerCrashError, WorkerPool } from '../../service/worker-pool';
import { tempDir } from '../helpers';

// Tasks: {sleepMs} waits (event loop free), {spin: true} blocks forever, {hog: true} allocates
// until the heap limit, otherwise echoes {n: n * 2}.
const FIXTURE = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', async ({ id, task }) => {
  if (task.spin) for (;;) {}
  if (task.hog) { const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); }
  if (task.sleepMs) await new Promise((r) => setTimeout(r, task.sleepMs));
  parentPort.postMessage({ type: 'result', id, result: { n: task.n * 2 } });
});
parentPort.postMessage({ type: 'ready' });
`;
const file = join(tempDir('mto-pool-'), 'fixture-worker.mjs');
writeFileSync(file, FIXTURE);

type Task = { n?: number; sleepMs?: number; spin?: boolean; hog?: boolean };
let pool: WorkerPool<Task, { n: number }> | undefined;
afterEach(async () => {
  await pool?.close(0);
  pool = undefined;
});

const make = async (size: number, queueMax: number, heapMb?: number) => {
  const events: string[] = [];
  pool = new WorkerPool<Task, { n: number }>({ file, size, queueMax, resourceLimits: heapMb ? { maxOldGenerationSizeMb: heapMb } : undefined, onEvent: (e) => events.push(e) });
  await pool.start();
  return { pool, events };
};

describe('worker pool', () => {
  test('runs tasks on workers and reports wait and run times', async () => {
    const { pool } = await make(2, 4);
    const out = await Promise.all([1, 2, 3].map((n) => pool.run({ n }, { hardLimitMs: 5000 })));
    expect(out.map((o) => o.result.n)).toEqual([2, 4, 6]);
    expect(out.every((o) => o.waitMs >= 0 && o.runMs >= 0)).toBe(true);
    expect(pool.stats()).toMatchObject({ size: 2, ready: 2, busy: 0, queued: 0 });
  });

  test('a full queue rejects at once with a Retry-After estimate', async () => {
    const { pool } = await make(1, 1);
    const running = pool.run({ n: 1, sleepMs: 300 }, { hardLimitMs: 5000 });
    const queued = pool.run({ n: 2 }, { hardLimitMs: 5000 });
    // one running + one queued = full: the third is refused without waiting
    const t = performance.now();
    const err = await pool.run({ n: 3 }, { hardLimitMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(performance.now() - t).toBeLessThan(50);
    expect((await running).result.n).toBe(2);
    expect((await queued).result.n).toBe(4);
  });

  test('a task that overruns its hard limit is stopped, and the worker replaced', async () => {
    const { pool, events } = await make(1, 2);
    const t = performance.now();
    const err = await pool.run({ spin: true }, { hardLimitMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect(performance.now() - t).toBeGreaterThanOrEqual(295);
    expect(events).toContain('task overran; worker terminated');
    // the replacement worker takes the next task
    expect((await pool.run({ n: 21 }, { hardLimitMs: 5000 })).result.n).toBe(42);
  });

  test('a worker that runs out of heap fails only its own task', async () => {
    const { pool } = await make(1, 2, 32);
    const err = await pool.run({ hog: true }, { hardLimitMs: 20_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerCrashError);
    expect((err as WorkerCrashError).outOfMemory).toBe(true);
    expect((await pool.run({ n: 5 }, { hardLimitMs: 5000 })).result.n).toBe(10);
  });

  test('close lets the running task finish within the grace and cancels the queue', async () => {
    const { pool: p } = await make(1, 4);
    const running = p.run({ n: 1, sleepMs: 200 }, { hardLimitMs: 5000 });
    const queued = p.run({ n: 2 }, { hardLimitMs: 5000 }).catch((e: unknown) => e);
    const summary = await p.close(2000);
    expect((await running).result.n).toBe(2);
    expect(await queued).toBeInstanceOf(ShuttingDownError);
    expect(summary).toEqual({ finished: 1, cancelled: 1 });
    await expect(p.run({ n: 3 }, { hardLimitMs: 5000 })).rejects.toBeInstanceOf(ShuttingDownError);
    pool = undefined;
  });

  test('close cancels a task still running when the grace runs out', async () => {
    const { pool: p } = await make(1, 1);
    const running = p.run({ spin: true }, { hardLimitMs: 60_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(await p.close(200)).toEqual({ finished: 0, cancelled: 1 });
    expect(await running).toBeInstanceOf(ShuttingDownError);
    pool = undefined;
  });

  test('an aborted request leaves the queue', async () => {
    const { pool } = await make(1, 1);
    const running = pool.run({ n: 1, sleepMs: 200 }, { hardLimitMs: 5000 });
    const ac = new AbortController();
    const queued = pool.run({ n: 2 }, { hardLimitMs: 5000, signal: ac.signal }).catch((e: Error) => e.name);
    ac.abort();
    expect(await queued).toBe('CancelledError');
    expect(pool.stats().queued).toBe(0);
    await running;
  });

  test('a worker file that cannot start makes start() fail', async () => {
    const bad = join(tempDir('mto-pool-'), 'broken.mjs');
    writeFileSync(bad, 'throw new Error("broken worker");');
    const p = new WorkerPool({ file: bad, size: 1, queueMax: 1 });
    await expect(p.start()).rejects.toThrow(/broken worker/);
    await p.close(0);
  });
});
