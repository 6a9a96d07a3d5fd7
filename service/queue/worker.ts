// `mto-planner worker`: takes solve jobs from the pg-boss queue in PostgreSQL and runs each on one
// of its worker threads (so pg-boss's polling and this process's heartbeat keep running during a
// long LP), writes the run into the shared history under the run id the service gave it — a job
// retried after a worker died rewrites the same run — and completes the job with the answer.
// SIGTERM: stop taking jobs, finish the ones in hand within MTO_SHUTDOWN_GRACE, release the rest
// (pg-boss fails them and another worker retries them), then exit.
import type PgBoss from 'pg-boss';
import type { Config } from '../config';
import { serviceLogger } from '../log';
import { solveAndRecord } from '../solve-runner';
import type { SolveResult, SolveTask } from '../solve-worker';
import { openRunStore } from '../store/open';
import { safeUrl, type PgRunStore } from '../store/pg-runs';
import { RunRecorder } from '../store/record';
import { WorkerPool } from '../worker-pool';
import { ensureWorkerTable, failJobsOfDeadWorkers, fromJobTask, QUEUE, startBoss, toJobOutput, workerId, type JobData, type JobOutput } from './pg-boss-queue';

export async function runWorker(config: Config, o: { signal: AbortSignal }): Promise<void> {
  // The service's logger (LOG_FORMAT, LOG_LEVEL), named as the worker's.
  const log = serviceLogger(process.env, process.stdout, 'mto-planner-worker');
  const id = workerId();
  // Errors here name the database (without its password) and MTO_DB.
  const store = (await openRunStore(config.dbPath)) as PgRunStore;
  const recorder = new RunRecorder(store, (err, what) => log.error({ err: { message: err.message } }, `run history: ${what} failed`));
  const pool = new WorkerPool<SolveTask, SolveResult>({
    file: config.workerFile,
    size: config.workers,
    queueMax: 0,
    resourceLimits: { maxOldGenerationSizeMb: config.workerHeapMb },
    onEvent: (event, detail) => log.warn(detail, event),
  });
  await pool.start();
  await ensureWorkerTable(store.pool);
  const boss: PgBoss = await startBoss(config.dbPath, (e) => log.warn({ err: { message: e.message } }, 'pg-boss'), { max: config.workers + 2 });

  const inHand = new Set<string>();
  // The heartbeat: alive, and which jobs this process holds (so others can retry them if it dies).
  const beat = async () => {
    await store.pool
      .query(
        `INSERT INTO mto_workers (id, host, pid, slots, busy, jobs) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET busy = EXCLUDED.busy, jobs = EXCLUDED.jobs, seen_at = now()`,
        [id, id.split(':')[0], process.pid, config.workers, inHand.size, [...inHand]],
      )
      .catch((e: Error) => log.warn({ err: { message: e.message } }, 'heartbeat failed'));
    await failJobsOfDeadWorkers(store.pool, boss).then(
      (n) => n && log.warn({ jobs: n }, 'jobs of a silent worker failed for retry'),
      () => undefined,
    );
  };
  await beat();
  const heartbeat = setInterval(() => void beat(), 2000);

  const handle = async ([job]: PgBoss.JobWithMetadata<JobData>[]): Promise<JobOutput> => {
    inHand.add(job.id);
    void beat(); // others learn at once that this job is held here
    try {
      const task = fromJobTask(job.data.task);
      const meta = job.data.meta;
      if (job.retryCount > 0) log.warn({ jobId: job.id, runId: meta.runId, attempt: job.retryCount + 1 }, 'retrying a job whose worker stopped');
      else log.info({ jobId: job.id, runId: meta.runId }, 'solving');
      const r = await solveAndRecord(pool, recorder, task, { hardLimitMs: job.data.hardLimitMs, meta });
      log.info({ jobId: job.id, runId: meta.runId, status: r.out.status, saved: r.saved, attempt: job.retryCount + 1, runMs: Math.round(r.runMs) }, 'solve');
      return toJobOutput(r.out, { saved: r.saved, waitMs: r.waitMs, runMs: r.runMs, worker: id });
    } finally {
      inHand.delete(job.id);
    }
  };
  // One poller per thread, one job at a time each: a worker never takes more than it can solve.
  for (let i = 0; i < config.workers; i++) {
    await boss.work<JobData>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, handle);
  }
  log.info({ worker: id, threads: config.workers, db: safeUrl(config.dbPath), queue: QUEUE }, `worker ${id} ready: ${config.workers} solve thread(s) on queue ${QUEUE}`);

  await new Promise<void>((resolve) => (o.signal.aborted ? resolve() : o.signal.addEventListener('abort', () => resolve(), { once: true })));
  log.info({ worker: id, busy: inHand.size }, 'stopping: no new jobs, finishing the ones in hand');
  await boss.offWork(QUEUE);
  // Waits for jobs in hand up to the grace, then fails what is left so another worker retries it.
  await boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, config.shutdownGraceSeconds * 1000) });
  clearInterval(heartbeat);
  await pool.close(0);
  await store.pool.query('DELETE FROM mto_workers WHERE id = $1', [id]).catch(() => undefined);
  await store.close();
  log.info({ worker: id }, 'worker stopped');
}
