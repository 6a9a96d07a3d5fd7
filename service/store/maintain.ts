// Keeping the run history honest over time: runs a crash left `running` become `interrupted`, and
// runs older than MTO_KEEP_DAYS are deleted — at start-up, then every hour.
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { RunStore } from './runs';

const HOUR = 3600_000;

/**
 * How long a run may stay `running` before it must have been interrupted. An SQLite file belongs
 * to one server, so at its start every `running` run was interrupted. PostgreSQL is shared by
 * replicas and workers whose runs may be alive: only a run older than an hour, and than three
 * times the longest a job may take (two retries), can no longer finish.
 */
export function interruptedCutoff(store: RunStore, config: Pick<Config, 'solveTimeoutSeconds'>, now = Date.now()): string {
  if (store.engine === 'sqlite') return new Date(now + 1000).toISOString();
  const longestJobMs = (config.solveTimeoutSeconds * 1.25 + 30) * 1000;
  return new Date(now - Math.max(HOUR, 3 * longestJobMs)).toISOString();
}

export async function maintainHistory(store: RunStore, config: Pick<Config, 'solveTimeoutSeconds' | 'keepDays'>, log: Logger): Promise<{ stop(): void }> {
  // An SQLite file's `running` runs are dead only at start (later they are this server's own);
  // in PostgreSQL the cutoff keeps live ones, so it is checked every hour too.
  const once = async (markInterrupted: boolean) => {
    try {
      const interrupted = markInterrupted ? await store.markInterrupted(interruptedCutoff(store, config)) : 0;
      if (interrupted) log.warn({ interrupted }, 'runs interrupted by a crash or kill are marked interrupted');
      if (config.keepDays > 0) {
        const deleted = await store.prune(new Date(Date.now() - config.keepDays * 24 * HOUR).toISOString());
        if (deleted) log.info({ deleted, keepDays: config.keepDays }, 'old runs deleted (MTO_KEEP_DAYS)');
      }
    } catch (e) {
      log.error({ err: { message: (e as Error).message } }, 'run history maintenance failed');
    }
  };
  await once(true);
  const timer = setInterval(() => void once(store.engine === 'postgres'), HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
