// WAL checkpoints of the SQLite run history on a thread of their own. SQLite's automatic
// checkpoint runs inside the commit that crosses 1000 WAL pages, on the thread that writes: the
// service's main thread, where its copy into the database file and fsync (10–50 ms, more on a busy
// disk) would stall every answer and /health. The service's connection turns it off
// (wal_autocheckpoint = 0) and this thread's own connection checkpoints every few seconds
// (PASSIVE: it never waits for, or blocks, the writer).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS for an eval'd worker (no file of its own to build); better-sqlite3 is loaded by the
// path the main thread resolves, so it works from dist/ and from the TypeScript alike.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { timeout: 5000 });
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return; }
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next one catches up */ }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Checkpoints `file`'s WAL every `everyMs` on a worker thread until stopped. */
export function checkpointInBackground(file: string, everyMs = 2000): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { module, file } });
  worker.unref();
  worker.on('error', () => undefined); // a failed checkpointer leaves the WAL to grow until the next start; answers go on
  const timer = setInterval(() => worker.postMessage('checkpoint'), everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      const exited = new Promise<void>((r) => worker.once('exit', () => r()));
      worker.postMessage('stop');
      // A timer that holds the process open: the worker is unref'd, and with nothing else left
      // (at shutdown) Node would exit in the middle of this wait, before the store is closed.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((r) => (wait = setTimeout(r, 2000)))]);
      clearTimeout(wait);
      await worker.terminate();
    },
  };
}
