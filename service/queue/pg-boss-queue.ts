// What the service and `mto-planner worker` share about the pg-boss queue: its name and settings,
// how a solve travels as a job (bytes as base64 in JSON) and comes back as the job's output, and
// the table where worker processes report that they are alive.
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import type { RunParts, SolveTask } from '../solve-worker';
import type { Outcome, RunMeta } from '../store/record';

export const QUEUE = 'mto-solve';
/** A job whose worker died (SIGKILL, power cut) expires and is retried: up to two more times. */
export const RETRY_LIMIT = 2;
/** A worker that has not reported for this long is not counted as live. */
export const LIVE_SECONDS = 10;
/** A worker silent this long is dead: its jobs are failed at once, so pg-boss retries them. */
export const DEAD_SECONDS = 15;

export interface JobData {
  task: Omit<SolveTask, 'input'> & { input: { kind: SolveTask['input']['kind']; base64: string } };
  meta: RunMeta;
  /** the worker terminates the solve's thread after this long */
  hardLimitMs: number;
}

export interface JobOutput {
  out: Outcome;
  /** base64 of the result workbook (workbook and export outputs) */
  xlsx?: string;
  /** the answer's JSON text (the outcome's body bytes, which JSON cannot carry) */
  body?: string;
  saved: boolean;
  waitMs: number;
  runMs: number;
  worker: string;
}

export const toJobTask = (t: SolveTask): JobData['task'] => ({
  ...t,
  input: { kind: t.input.kind, base64: Buffer.from(t.input.bytes.buffer, t.input.bytes.byteOffset, t.input.bytes.byteLength).toString('base64') },
});
export const fromJobTask = (t: JobData['task']): SolveTask => ({ ...t, input: { kind: t.input.kind, bytes: Buffer.from(t.input.base64, 'base64') } });

/** The outcome as JSON: the workbook in base64, and without the gzipped input and result (the worker stored those). */
export function toJobOutput(out: Outcome, rest: Omit<JobOutput, 'out' | 'xlsx'>): JobOutput {
  const slim = (run: RunParts): RunParts => {
    const { inputGz: _i, resultGz: _r, ...kept } = run;
    return kept as RunParts;
  };
  if (out.status === 'ok') {
    const { xlsx, run, body, ...ok } = out;
    return { out: { ...ok, body: new Uint8Array(0), run: slim(run) }, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), xlsx: xlsx && Buffer.from(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength).toString('base64'), ...rest };
  }
  if ('run' in out && out.run) return { out: { ...out, run: slim(out.run) } as Outcome, ...rest };
  return { out, ...rest };
}

export function fromJobOutput(o: JobOutput): Outcome {
  if (o.out.status === 'ok') return { ...o.out, body: Buffer.from(o.body ?? '{}', 'utf8'), ...(o.xlsx !== undefined ? { xlsx: Buffer.from(o.xlsx, 'base64') } : {}) };
  return o.out;
}

/**
 * Starts pg-boss on the database and makes sure the queue exists (v10 needs queues created
 * before send or work). Maintenance — failing jobs whose worker stopped answering, so they are
 * retried — runs every few seconds in whichever process holds pg-boss's maintenance lock.
 */
export async function startBoss(url: string, onError: (e: Error) => void, o: { max?: number } = {}): Promise<PgBoss> {
  const { default: Boss } = await import('pg-boss');
  const boss = new Boss({
    connectionString: url,
    max: o.max ?? 4,
    application_name: 'mto-planner-queue',
    maintenanceIntervalSeconds: 2,
    // Payloads (workbooks) and outputs (results) should not linger: the service deletes a job once
    // it has its answer; jobs nobody collected are archived after an hour and deleted an hour later.
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 3600,
    deleteAfterSeconds: 3600,
  });
  boss.on('error', onError);
  await boss.start();
  try {
    await boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard', retryLimit: RETRY_LIMIT, retryDelay: 0 });
  } catch (e) {
    // Two processes creating the queue at the same moment: fine if the other one made it.
    await new Promise((r) => setTimeout(r, 300));
    if (!(await boss.getQueue(QUEUE))) throw e;
  }
  return boss;
}

/** Worker processes report here every few seconds: /health counts the live ones and their threads. */
export async function ensureWorkerTable(db: pg.Pool): Promise<void> {
  // Under a lock: two processes running CREATE TABLE IF NOT EXISTS at the same moment can both try.
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock(7263002)');
    await c.query(`CREATE TABLE IF NOT EXISTS mto_workers (
      id text PRIMARY KEY, host text NOT NULL, pid integer NOT NULL, slots integer NOT NULL, busy integer NOT NULL,
      jobs text[] NOT NULL DEFAULT '{}', started_at timestamptz NOT NULL DEFAULT now(), seen_at timestamptz NOT NULL DEFAULT now())`);
    // Workers gone for a day (killed, never stopped) are forgotten.
    await c.query("DELETE FROM mto_workers WHERE seen_at < now() - interval '1 day'");
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/**
 * pg-boss 10 notices a dead worker only when its job expires (the job's whole time limit). Workers
 * here report their jobs with every heartbeat; the jobs of one silent for DEAD_SECONDS are failed
 * now, and pg-boss retries them on another worker. One statement takes them, so of several
 * processes doing this at once only one fails each job. Returns how many.
 */
export async function failJobsOfDeadWorkers(db: pg.Pool, boss: PgBoss): Promise<number> {
  const { rows } = await db.query<{ jobs: string[] }>(
    `WITH dead AS (SELECT id, jobs FROM mto_workers WHERE seen_at < now() - make_interval(secs => $1) AND cardinality(jobs) > 0 FOR UPDATE SKIP LOCKED)
     UPDATE mto_workers w SET jobs = '{}' FROM dead WHERE w.id = dead.id RETURNING dead.jobs`,
    [DEAD_SECONDS],
  );
  const ids = rows.flatMap((r) => r.jobs);
  for (const id of ids) await boss.fail(QUEUE, id, { message: `its worker stopped reporting for ${DEAD_SECONDS} s` });
  return ids.length;
}

export const workerId = (): string => `${hostname()}:${process.pid}:${Date.now().toString(36)}`;
