// `npm start`: the planning service. Reads the config, opens the run store, warms the solve
// workers (or joins the pg-boss queue), then listens (HTTPS when office-addin-dev-certs
// certificates exist, HTTP otherwise).
// SIGTERM / SIGINT: stop accepting, let solves in flight finish (bounded), close the store.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import pkg from '../package.json';
import { createApp } from './app';
import { sampleCache } from './routes/health';
import { ConfigError, devCertDir, isLoopback, loadConfig, type Config } from './config';
import { ThreadRunner, type SolveRunner } from './solve-runner';
import type { SolveResult, SolveTask } from './solve-worker';
import { maintainHistory } from './store/maintain';
import { openRunStore } from './store/open';
import { safeUrl } from './store/pg-runs';
import { RunRecorder } from './store/record';
import { SqliteRunStore, type RunStore } from './store/runs';
import { WorkerPool } from './worker-pool';
import { serviceLogger } from './log';

const log = serviceLogger(process.env);

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, existsSync);
  } catch (e) {
    if (e instanceof ConfigError) {
      log.fatal(`refusing to start: ${e.message}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }

  let store: RunStore;
  try {
    store = await openRunStore(config.dbPath);
  } catch (e) {
    log.fatal(`refusing to start: ${(e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  if (store instanceof SqliteRunStore) store.checkpointInBackground();
  const recorder = new RunRecorder(store, (err, what) => log.error({ err: { message: err.message, code: (err as { code?: string }).code }, db: store.where }, `run history: ${what} failed; answers go out unsaved`));
  const history = await maintainHistory(store, config, log);

  const t0 = performance.now();
  // While the workers warm up on their threads, this one builds the sample workbooks, so serving
  // /sample.xlsx later never blocks the main thread.
  const sample = sampleCache();
  let runner: SolveRunner;
  if (config.queueEngine === 'pg-boss') {
    const { PgBossRunner } = await import('./queue/pg-boss-runner');
    runner = await PgBossRunner.start({ url: config.dbPath, recorder, queueMax: config.queueMax, log });
    await Promise.all([sample('en'), sample('zh')]);
  } else {
    const pool = new WorkerPool<SolveTask, SolveResult>({
      file: config.workerFile,
      size: config.workers,
      queueMax: config.queueMax,
      resourceLimits: { maxOldGenerationSizeMb: config.workerHeapMb },
      workerData: { nice: config.workerNice },
      onEvent: (event, detail) => log.warn(detail, event),
    });
    runner = new ThreadRunner(pool, recorder);
    await Promise.all([pool.start(), sample('en'), sample('zh')]);
  }
  log.debug({ ms: Math.round(performance.now() - t0), workers: config.workers, queue: config.queueEngine }, 'solve workers ready');

  let stopping = false;
  const app = createApp({ config, runner, log, version: pkg.version, stopping: () => stopping, sample });
  const server = config.tls ? https.createServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, app) : http.createServer(app);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = config.tls ? 'https' : 'http';
  const shown = isLoopback(config.host) ? 'localhost' : config.host;
  const url = `${scheme}://${shown}:${port}`;
  log.info(
    { url, host: config.host, port, https: Boolean(config.tls), db: store.engine === 'postgres' ? safeUrl(config.dbPath) : config.dbPath, workers: config.workers, queue: config.queueMax, queueEngine: config.queueEngine, keepDays: config.keepDays, token: Boolean(config.token) },
    config.tls
      ? `MTO Planner ${pkg.version} listening on ${url} (HTTPS, office-addin-dev-certs) — open ${url}/taskpane.html in a browser; in Excel, sideload ${url}/manifest.xml`
      : `MTO Planner ${pkg.version} listening on ${url} (plain HTTP: no certificates in ${devCertDir()}; Excel needs HTTPS — run "npx office-addin-dev-certs install" and restart) — open ${url}/taskpane.html in a browser`,
  );

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: runner.stats() }, 'shutting down: no new connections, finishing solves in flight');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const work = await runner.close(config.shutdownGraceSeconds * 1000);
    // Answers for finished or cancelled solves are out; give them a moment to flush.
    server.closeIdleConnections();
    const flushed = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref())]);
    if (!flushed) server.closeAllConnections();
    history.stop();
    await store.close();
    log.info(work, 'stopped');
    // JSON logs are written asynchronously: the last lines out before exit.
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e: Error) => {
  log.fatal({ err: e }, `failed to start: ${e.message}`);
  process.exit(1);
});
