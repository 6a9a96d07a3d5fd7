// The real thing (MTO_QUEUE=pg-boss): two built service processes and two `mto-planner worker`
// processes against one PostgreSQL database. A burst of plans from several clients through both
// services is answered, every answer one stored run (none lost, none twice); a worker SIGKILLed
// in the middle of a solve has its job finished by the other worker, into the same run; a client
// that goes away cancels its job and leaves no run.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../helpers';
import { eachLine, postJson, sampleRows, startServer, withSetting, type Server } from './harness';
import { freshDatabase, requirePostgres } from './pg';

interface Worker {
  proc: ChildProcess;
  logs: string[];
  exited: Promise<number | null>;
}

/** `node dist/cli.js worker`, resolved once it logs that it is ready. */
function startWorker(env: Record<string, string>): Promise<Worker> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'worker'], {
    cwd: ROOT,
    env: { ...process.env, MTO_WORKERS: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    eachLine(proc, (line) => {
      logs.push(line);
      if (line.includes(' ready: ')) resolve({ proc, logs, exited });
    });
    void exited.then((code) => reject(new Error(`worker exited with code ${code}:\n${logs.join('\n')}`)));
  });
}

const servers: Server[] = [];
const workers: Worker[] = [];
let dropDb: (() => Promise<void>) | undefined;
afterAll(async () => {
  for (const w of workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await Promise.all(workers.map((w) => w.exited));
  await dropDb?.();
});

if (requirePostgres('pg-boss queue with workers in other processes')) {
  test('two services, two workers, one database: a burst all answered once; a SIGKILLed worker\'s job finished by the other', async () => {
    const db = await freshDatabase();
    dropDb = db.drop;
    const env = { MTO_DB: db.url, MTO_QUEUE: 'pg-boss' };
    // Migrations and the pg-boss schema are made by whichever process comes first; start them together.
    const [s1, s2, w1, w2] = await Promise.all([startServer(env), startServer(env), startWorker(env), startWorker(env)]);
    servers.push(s1, s2);
    workers.push(w1, w2);
    const rows = await sampleRows();
    const { Orders: _o, ...noOrders } = rows;
    // A quote with 60,000 draws per line: a solve long enough to be killed in the middle.
    const slow = withSetting(noOrders, 'SimulationRuns', 60_000);

    let h = await (await fetch(`${s1.url}/api/v1/health`)).json();
    for (let i = 0; i < 50 && h.workers.liveWorkers < 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      h = await (await fetch(`${s1.url}/api/v1/health`)).json();
    }
    expect(h).toMatchObject({ status: 'ok', workers: { engine: 'pg-boss', liveWorkers: 2, size: 2 }, db: { ok: true, engine: 'postgres', state: 'ok' } });

    // The slow quote first, then 3 clients × 2 plans alternating services. The quote's worker is
    // killed; 15 s after its last heartbeat its job is failed and retried by the other worker.
    const slowAnswer = postJson(`${s2.url}/api/v1/quotes/simulate`, { workbook: slow });
    // Kill whichever worker took it, as soon as it starts solving.
    let victim: Worker | undefined;
    for (let i = 0; i < 200 && !victim; i++) {
      victim = workers.find((w) => w.logs.some((l) => l.includes('"msg":"solving"')));
      if (!victim) await new Promise((r) => setTimeout(r, 50));
    }
    expect(victim).toBeDefined();
    victim!.proc.kill('SIGKILL');
    const survivor = workers.find((w) => w !== victim)!;

    const burst = await Promise.all(
      [0, 1, 2].map(async (c) => {
        const out: { status: number; runId?: number }[] = [];
        for (let k = 0; k < 2; k++) {
          const s = (c + k) % 2 ? s1 : s2;
          const r = await postJson(`${s.url}/api/v1/plan`, { workbook: rows });
          const body = await r.json();
          out.push({ status: r.status, runId: body.runId });
          if (r.status === 200) expect(body).toMatchObject({ status: 'optimal', orders: expect.any(Array) });
        }
        return out;
      }),
    );
    const answers = burst.flat();
    for (const a of answers) expect([200, 429]).toContain(a.status);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThan(0);

    const slowRes = await slowAnswer;
    expect(slowRes.status).toBe(200);
    expect(slowRes.headers.get('x-attempts')).toBe('2'); // the dead worker's try, then the survivor's
    const slowBody = await slowRes.json();
    expect(survivor.logs.some((l) => l.includes('"attempt":2') && l.includes(`"runId":${slowBody.runId}`))).toBe(true);

    // The history: one ok run per answer, each id once, nothing else (no duplicate from the retry).
    const ids = [...ok.map((a) => a.runId!), slowBody.runId];
    expect(new Set(ids).size).toBe(ids.length);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const stored = (await c.query<{ id: number; status: string; job: string }>('SELECT id, status, job FROM runs ORDER BY id')).rows;
    await c.end();
    expect(stored.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(stored.every((r) => r.status === 'ok')).toBe(true);
    // Either service reads any run: they share the history.
    const viaOther = await (await fetch(`${s1.url}/api/v1/runs/${slowBody.runId}`)).json();
    expect(viaOther).toMatchObject({ id: slowBody.runId, job: 'quote', status: 'ok' });

    // A client that goes away cancels its job, and leaves no run behind.
    const gone = new AbortController();
    const abandoned = fetch(`${s1.url}/api/v1/quotes/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workbook: slow }), signal: gone.signal }).catch(() => 'aborted');
    const q = new pg.Client({ connectionString: db.url });
    await q.connect();
    let jobId: string | undefined;
    for (let i = 0; i < 400 && !jobId; i++) {
      jobId = (await q.query<{ id: string }>("SELECT id FROM pgboss.job WHERE name = 'mto-solve' AND state IN ('created', 'active')")).rows[0]?.id;
      if (!jobId) await new Promise((r) => setTimeout(r, 25));
    }
    expect(jobId).toBeDefined();
    gone.abort();
    expect(await abandoned).toBe('aborted');
    let state: string | undefined;
    for (let i = 0; i < 100 && state !== 'cancelled'; i++) {
      state = (await q.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [jobId])).rows[0]?.state;
      if (state !== 'cancelled') await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 1000));
    expect(Number((await q.query<{ n: string }>('SELECT count(*) AS n FROM runs')).rows[0].n)).toBe(ids.length);
    await q.end();
  }, 240_000); // about 30 s on an idle 2-core machine
}
