// What keeps the service's main thread free for answers and /health under load: solve threads
// at a lower scheduling priority, WAL checkpoints of the run history on a thread of their own,
// and answers passed on as the worker's bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fromJobOutput, toJobOutput } from '../../service/queue/pg-boss-queue';
import { withMembers } from '../../service/routes/jobs';
import { SqliteRunStore, type NewRun } from '../../service/store/runs';
import { tempDir } from '../helpers';
import { startServer } from './harness';

/** Each thread of a process with its nice value (Linux /proc: field 19 of stat). */
function threadNice(pid: number): { tid: number; nice: number }[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { tid: Number(tid), nice: Number(rest[16]) };
  });
}

test('solve threads run at nice 10 (MTO_WORKER_NICE), the main thread at the process priority', async () => {
  for (const [env, expected] of [[{ MTO_WORKERS: '2' }, 10], [{ MTO_WORKERS: '2', MTO_WORKER_NICE: '3' }, 3], [{ MTO_WORKERS: '1', MTO_WORKER_NICE: '0' }, 0]] as const) {
    const s = await startServer(env);
    try {
      const threads = threadNice(s.proc.pid!);
      const main = threads.find((t) => t.tid === s.proc.pid)!;
      expect(main.nice).toBe(0);
      // The pool waits for every worker to warm up before listening: its threads are there.
      const lowered = threads.filter((t) => t.nice !== 0);
      expect(lowered.map((t) => t.nice)).toEqual(expected ? Array(Number(env.MTO_WORKERS)).fill(expected) : []);
    } finally {
      await s.stop();
    }
  }
}, 120_000);

test('the run history is checkpointed by a thread of its own: the writing connection never checkpoints', async () => {
  const path = join(tempDir('mto-wal-'), 'runs.db');
  const store = new SqliteRunStore(path);
  store.checkpointInBackground(200);
  try {
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const run: NewRun = { job: 'plan', kind: 'json', status: 'ok', createdAt: '2026-12-07T10:00:00Z', waitMs: 0, durationMs: 1, lang: 'en', options: {}, appVersion: 't' };
    // 120 runs × 50 KB of result = 6 MB of WAL: past the 1000 pages (4 MB) at which the writer would checkpoint itself.
    const blob = new Uint8Array(50_000).map((_, i) => (i * 7919) % 251);
    for (let i = 0; i < 120; i++) await store.finish(await store.insert(run), { ...run, resultGz: blob });
    // The database file fills as the other thread copies the WAL in.
    const deadline = Date.now() + 20_000;
    while (statSync(path).size < 6_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(statSync(path).size).toBeGreaterThan(6_000_000);
    expect((await store.list({ limit: 1 })).total).toBe(120);
  } finally {
    await store.close();
  }
}, 60_000);

test('an answer is the worker\'s UTF-8 bytes with the run id put in front, never re-encoded', () => {
  const body = Buffer.from(JSON.stringify({ status: 'optimal', note: '交期 2026-12-18' }), 'utf8');
  const out = withMembers(['"runId":7'], body);
  expect(JSON.parse(out.toString('utf8'))).toEqual({ runId: 7, status: 'optimal', note: '交期 2026-12-18' });
  expect(JSON.parse(withMembers(['"runId":null', '"runSaved":false'], Buffer.from('{}')).toString('utf8'))).toEqual({ runId: null, runSaved: false });
  // Without members the worker's own bytes go out (no copy).
  expect(withMembers([], body).buffer).toBe(body.buffer);
});

test('with the pg-boss queue an answer\'s bytes travel as JSON text and come back the same bytes', () => {
  const body = Buffer.from(JSON.stringify({ status: 'optimal', orders: [{ orderId: 'SO-1', note: '缺料' }] }), 'utf8');
  const out = { status: 'ok' as const, body, run: { options: { lang: 'en' as const }, inputSha256: 'x', inputBytes: 1, inputGz: new Uint8Array(1), ms: 1 } };
  // What PostgreSQL stores is JSON: the job's output goes through JSON.stringify and back.
  const stored = JSON.parse(JSON.stringify(toJobOutput(out, { saved: true, waitMs: 0, runMs: 1, worker: 'w' })));
  const back = fromJobOutput(stored);
  expect(back.status).toBe('ok');
  expect(Buffer.from((back as typeof out).body).equals(body)).toBe(true);
});
