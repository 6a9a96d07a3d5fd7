// The service's logger. On a terminal a person reads it: one plain sentence per event ("MTO
// Planner listening on https://localhost:3000 …"). Piped, or with LOG_FORMAT=json, it writes
// pino's JSON lines for log collectors (request ids, timings and all fields).
import { pino, type DestinationStream, type Logger } from 'pino';

/** JSON when stdout is not a terminal or LOG_FORMAT=json; plain sentences with LOG_FORMAT=text. */
export const jsonLogs = (env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean => {
  const format = env.LOG_FORMAT?.trim().toLowerCase();
  return format === 'json' || (format !== 'text' && !stdoutIsTTY);
};

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: '', 40: 'warning: ', 50: 'error: ', 60: 'fatal: ' };

/** One JSON log line as a sentence: its message, prefixed by the level when it is not info. */
export function plainLine(json: string): string {
  try {
    const o = JSON.parse(json) as { level?: number; msg?: string; err?: { message?: string } };
    const msg = o.msg ?? o.err?.message ?? '';
    return `${LEVELS[o.level ?? 30] ?? ''}${msg}\n`;
  } catch {
    return json;
  }
}

/** The logger of the service, or of a queue worker process (`service` names which in JSON lines). */
export function serviceLogger(env: NodeJS.ProcessEnv, out: NodeJS.WriteStream = process.stdout, service = 'mto-planner'): Logger {
  const opts = { level: env.LOG_LEVEL?.trim() || 'info', base: { service } };
  // Written asynchronously (off the event loop, flushed at exit): a synchronous write to a slow
  // pipe or disk for every request would stall the thread that answers /health.
  const fd = (out as { fd?: unknown }).fd;
  if (jsonLogs(env, Boolean(out.isTTY))) return pino(opts, typeof fd === 'number' ? pino.destination({ dest: fd, sync: false }) : out);
  const plain: DestinationStream = { write: (line: string) => void out.write(plainLine(line)) };
  return pino(opts, plain);
}
