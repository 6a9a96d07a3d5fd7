// Where a request's solve runs, and its run recorded: on this process's worker threads (the
// embedded default), or as a pg-boss job that a `mto-planner worker` process on any machine takes
// (queue/pg-boss-runner.ts). The routes see one interface and answer the same either way.
import type { SolveResult, SolveTask } from './solve-worker';
import type { Outcome, RunMeta, RunRecorder } from './store/record';
import { QueueFullError, TaskTimeoutError, WorkerCrashError, type WorkerPool } from './worker-pool';

export interface RunnerStats {
  engine: 'threads' | 'pg-boss';
  /** solve slots: this process's worker threads, or the threads of every live worker process */
  size: number;
  ready: number;
  busy: number;
  /** waiting for a slot: in this process, or in the shared queue */
  queued: number;
  queueMax: number;
  /** pg-boss: worker processes that reported within the last few seconds */
  liveWorkers?: number;
}

export interface RunOptions {
  /** the worker thread is terminated after this long */
  hardLimitMs: number;
  /** the request's time limit (its own, or the service's cap) */
  timeLimitSeconds: number;
  /** aborted when the client goes away */
  signal: AbortSignal;
  meta: RunMeta;
}

export interface Solved {
  out: Outcome;
  /** the run's id when it is saved */
  runId?: number;
  /** false: the answer is real but the run history could not store it */
  saved: boolean;
  waitMs: number;
  runMs: number;
  /** 1, or more when a worker died under the job and another took it over */
  attempts: number;
}

export interface SolveRunner {
  readonly recorder: RunRecorder;
  /** Rejects with QueueFullError (429), ShuttingDownError (503) or CancelledError (client gone). */
  run(task: SolveTask, o: RunOptions): Promise<Solved>;
  /** cheap: /health calls it on every probe */
  stats(): RunnerStats;
  /** Seconds to wait when a request cannot be taken now (lets a route answer 429 before reading an upload); undefined when there is room. */
  fullFor(): number | undefined;
  /** stop taking work; wait up to graceMs for solves in flight */
  close(graceMs: number): Promise<{ finished: number; cancelled: number }>;
}

/** A solve that the pool stopped from outside becomes an outcome, so it is recorded as a failed run. */
export function stoppedOutcome(e: unknown): Outcome | undefined {
  if (e instanceof TaskTimeoutError) return { status: 'stopped', reason: 'timeLimit', message: e.message };
  if (e instanceof WorkerCrashError) return { status: 'stopped', reason: e.outOfMemory ? 'tooLarge' : 'error', message: e.message };
  return undefined;
}

/** Runs the solve on a worker thread and records the run: used by the service (embedded) and by `mto-planner worker`. */
export async function solveAndRecord(
  pool: WorkerPool<SolveTask, SolveResult>,
  recorder: RunRecorder,
  task: SolveTask,
  o: { hardLimitMs: number; signal?: AbortSignal; meta: RunMeta },
): Promise<Omit<Solved, 'attempts'>> {
  const t0 = performance.now();
  let out: Outcome;
  let waitMs = 0;
  let runMs = 0;
  try {
    // The request body is moved to the worker, not copied, when it owns its memory (nothing here reads it again).
    const b = task.input.bytes;
    const transfer = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : [];
    const r = await pool.run(task, { hardLimitMs: o.hardLimitMs, signal: o.signal, transfer });
    ({ result: out, waitMs, runMs } = r);
  } catch (e) {
    const stopped = stoppedOutcome(e);
    if (!stopped) throw e;
    out = stopped;
    runMs = performance.now() - t0;
  }
  if (task.output === 'check') return { out, saved: true, waitMs, runMs };
  const saved = await recorder.settle(o.meta, out, waitMs, performance.now() - t0);
  return { out, runId: saved && out.status !== 'badRequest' && out.status !== 'tooLarge' ? o.meta.runId : undefined, saved, waitMs, runMs };
}

export class ThreadRunner implements SolveRunner {
  constructor(
    readonly pool: WorkerPool<SolveTask, SolveResult>,
    readonly recorder: RunRecorder,
  ) {}

  async run(task: SolveTask, o: RunOptions): Promise<Solved> {
    // Full: 429 before anything is written.
    if (!this.pool.hasRoom()) throw new QueueFullError(this.pool.retryAfterSeconds());
    const meta = { ...o.meta };
    if (task.output !== 'check') meta.runId = await this.recorder.start(meta);
    try {
      return { ...(await solveAndRecord(this.pool, this.recorder, task, { ...o, meta })), attempts: 1 };
    } catch (e) {
      await this.recorder.drop(meta.runId); // never ran: queue full after all, shutting down, client gone
      throw e;
    }
  }

  stats(): RunnerStats {
    return { engine: 'threads', ...this.pool.stats() };
  }

  fullFor(): number | undefined {
    return this.pool.hasRoom() ? undefined : this.pool.retryAfterSeconds();
  }

  close(graceMs: number) {
    return this.pool.close(graceMs);
  }
}
