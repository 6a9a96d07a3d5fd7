// The service's side of MTO_QUEUE=pg-boss: each admitted request becomes a pg-boss job in
// PostgreSQL, some `mto-planner worker` process (on any machine) solves it and writes its run,
// and this process waits for the job's output and answers. Nothing is kept here between requests,
// so replicas behind a load balancer share nothing but the database.
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { RunnerStats, RunOptions, Solved, SolveRunner } from '../solve-runner';
import type { SolveTask } from '../solve-worker';
import type { RunMeta, RunRecorder } from '../store/record';
import { CancelledError, QueueFullError, ShuttingDownError } from '../worker-pool';
import { ensureWorkerTable, failJobsOfDeadWorkers, fromJobOutput, LIVE_SECONDS, QUEUE, RETRY_LIMIT, startBoss, toJobTask, type JobData, type JobOutput } from './pg-boss-queue';

/** How often a waiting request looks at its job. */
const POLL_MS = 150;

export class NoWorkerError extends Error {
  constructor(seconds: number) {
    super(`No planning worker took the job within ${seconds} s; start one with "mto-planner worker" / 没有求解进程接手任务`);
    this.name = 'NoWorkerError';
  }
}

export class PgBossRunner implements SolveRunner {
  private counts: RunnerStats;
  private avgRunMs = 1000; // running mean, for Retry-After
  private closing = false;
  private inFlight = 0;
  private timer?: NodeJS.Timeout;

  private constructor(
    readonly boss: PgBoss,
    private readonly db: pg.Pool,
    readonly recorder: RunRecorder,
    private readonly queueMax: number,
    private readonly log: Logger,
  ) {
    this.counts = { engine: 'pg-boss', size: 0, ready: 0, busy: 0, queued: 0, queueMax, liveWorkers: 0 };
  }

  static async start(o: { url: string; recorder: RunRecorder; queueMax: number; log: Logger }): Promise<PgBossRunner> {
    const boss = await startBoss(o.url, (e) => o.log.warn({ err: { message: e.message } }, 'pg-boss'));
    const { default: pgm } = await import('pg');
    const db = new pgm.Pool({ connectionString: o.url, max: 2, application_name: 'mto-planner-health' });
    db.on('error', () => undefined);
    await ensureWorkerTable(db);
    const runner = new PgBossRunner(boss, db, o.recorder, o.queueMax, o.log);
    await runner.refresh();
    // /health and the 429 decision read these counters; they are refreshed in the background.
    runner.timer = setInterval(() => void runner.refresh(), 1000);
    runner.timer.unref();
    return runner;
  }

  private async refresh(): Promise<void> {
    try {
      const failed = await failJobsOfDeadWorkers(this.db, this.boss);
      if (failed) this.log.warn({ jobs: failed }, 'jobs of a silent worker failed for retry');
      const [waiting, notDone, workers] = await Promise.all([
        this.boss.getQueueSize(QUEUE),
        this.boss.getQueueSize(QUEUE, { before: 'completed' }),
        this.db.query<{ n: string; slots: string; busy: string }>(
          `SELECT count(*) AS n, coalesce(sum(slots), 0) AS slots, coalesce(sum(busy), 0) AS busy FROM mto_workers WHERE seen_at > now() - make_interval(secs => $1)`,
          [LIVE_SECONDS],
        ),
      ]);
      const w = workers.rows[0];
      const active = Number(notDone) - Number(waiting);
      this.counts = { engine: 'pg-boss', size: Number(w.slots), ready: Math.max(0, Number(w.slots) - active), busy: active, queued: Number(waiting), queueMax: this.queueMax, liveWorkers: Number(w.n) };
    } catch (e) {
      this.log.warn({ err: { message: (e as Error).message } }, 'queue counts unavailable');
    }
  }

  stats(): RunnerStats {
    return this.counts;
  }

  fullFor(): number | undefined {
    return this.counts.queued >= this.queueMax ? this.retryAfterSeconds() : undefined;
  }

  /** Seconds until a place is likely free: jobs ahead × mean solve time ÷ live solve threads. */
  private retryAfterSeconds(): number {
    const ahead = this.counts.queued + this.counts.busy;
    return Math.max(1, Math.ceil((ahead * this.avgRunMs) / 1000 / Math.max(1, this.counts.size)));
  }

  async run(task: SolveTask, o: RunOptions): Promise<Solved> {
    if (this.closing) throw new ShuttingDownError();
    if (this.counts.queued >= this.queueMax) throw new QueueFullError(this.retryAfterSeconds());
    this.counts.queued++; // until the next refresh: a burst between refreshes still meets the cap
    const meta = { ...o.meta };
    if (task.output !== 'check') meta.runId = await this.recorder.start(meta);
    // The request's time limit bounds the job: the worker stops the solve at hardLimitMs, and a job
    // whose worker went silent expires a little later and is retried by another worker.
    // (10 s over the limit for reading, building and writing; 5 s more before the job expires.)
    const hardLimitMs = Math.min(o.hardLimitMs, (o.timeLimitSeconds * 1.25 + 10) * 1000);
    const expireInSeconds = Math.ceil(hardLimitMs / 1000) + 5;
    const data: JobData = { task: toJobTask(task), meta, hardLimitMs };
    this.inFlight++;
    try {
      const id = await this.boss.send(QUEUE, data, { expireInSeconds, retryLimit: RETRY_LIMIT, retryDelay: 0 });
      if (!id) throw new Error('pg-boss did not create the job');
      return await this.wait(id, meta, o.signal, expireInSeconds);
    } catch (e) {
      await this.recorder.drop(meta.runId); // never answered: not sent, or cancelled
      throw e;
    } finally {
      this.inFlight--;
    }
  }

  private async wait(id: string, meta: RunMeta, signal: AbortSignal, expireInSeconds: number): Promise<Solved> {
    // Beyond this nobody is coming: every try would have expired (plus a generous time in the queue).
    const giveUpMs = Math.max(600, (RETRY_LIMIT + 1) * (expireInSeconds + 5)) * 1000;
    const t0 = performance.now();
    for (;;) {
      if (signal.aborted) {
        // The client went away: the job is cancelled (a worker already solving it finishes, unseen).
        await this.boss.cancel(QUEUE, id).catch(() => undefined);
        throw new CancelledError();
      }
      const job = await this.boss.getJobById<JobData>(QUEUE, id, { includeArchive: true });
      if (job?.state === 'completed') {
        const output = job.output as unknown as JobOutput;
        void this.boss.deleteJob(QUEUE, id).catch(() => undefined);
        this.avgRunMs = 0.8 * this.avgRunMs + 0.2 * output.runMs;
        const queuedMs = job.startedOn && job.createdOn ? new Date(job.startedOn).getTime() - new Date(job.createdOn).getTime() : 0;
        const out = fromJobOutput(output);
        const notRun = out.status === 'badRequest' || out.status === 'tooLarge';
        return { out, runId: output.saved && !notRun ? meta.runId : undefined, saved: output.saved, waitMs: queuedMs + output.waitMs, runMs: output.runMs, attempts: job.retryCount + 1 };
      }
      if (job?.state === 'failed') {
        // Every try failed (workers died under it, or were stopped): a failed run, recorded here.
        void this.boss.deleteJob(QUEUE, id).catch(() => undefined);
        const out = { status: 'stopped', reason: 'error', message: `the job failed on ${job.retryCount + 1} worker(s)` } as const;
        this.log.warn({ jobId: id, attempts: job.retryCount + 1, output: job.output }, 'queued solve failed');
        const saved = await this.recorder.settle(meta, out, 0, performance.now() - t0);
        return { out, runId: saved ? meta.runId : undefined, saved, waitMs: 0, runMs: performance.now() - t0, attempts: job.retryCount + 1 };
      }
      if (!job || job.state === 'cancelled') throw new CancelledError();
      if (performance.now() - t0 > giveUpMs) {
        await this.boss.cancel(QUEUE, id).catch(() => undefined);
        const out = { status: 'stopped', reason: 'error', message: new NoWorkerError(Math.round(giveUpMs / 1000)).message } as const;
        const saved = await this.recorder.settle(meta, out, performance.now() - t0, 0);
        return { out, runId: saved ? meta.runId : undefined, saved, waitMs: performance.now() - t0, runMs: 0, attempts: 0 };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Stops taking requests and waits up to graceMs for the answers being waited for. */
  async close(graceMs: number): Promise<{ finished: number; cancelled: number }> {
    this.closing = true;
    const running = this.inFlight;
    const deadline = performance.now() + graceMs;
    while (this.inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const unfinished = this.inFlight;
    clearInterval(this.timer);
    // Jobs still out stay in the queue: a worker finishes them and their runs are written.
    await this.boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await this.db.end().catch(() => undefined);
    return { finished: running - unfinished, cancelled: unfinished };
  }
}
