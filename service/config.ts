// Service settings, all from the environment, checked once at start-up: a bad value stops the
// server with a message instead of surfacing later as odd behaviour.
import { availableParallelism, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl } from './store/pg-runs';
import { MAX_CELLS, MAX_SHARED_STRINGS } from './xlsx/hostile-parts';

export interface Config {
  host: string;
  port: number;
  /** required on every API call when set; must be set when host is not loopback */
  token?: string;
  /** MTO_DB: an SQLite file (absolute) or a postgres:// URL */
  dbPath: string;
  /** days a run is kept (0: for ever) */
  keepDays: number;
  /** threads: solves on this process's worker threads; pg-boss: a job queue in PostgreSQL, solved by `mto-planner worker` processes */
  queueEngine: 'threads' | 'pg-boss';
  /** worker threads solving in parallel */
  workers: number;
  /** requests waiting for a worker (threads) or jobs waiting in the shared queue (pg-boss) before 429 */
  queueMax: number;
  /** per-solve limit; the worker is terminated shortly after it */
  solveTimeoutSeconds: number;
  /** how long SIGTERM waits for solves in flight */
  shutdownGraceSeconds: number;
  jsonLimitBytes: number;
  uploadLimitBytes: number;
  /** model-size cap: input cells across all sheets (header × rows) */
  maxCells: number;
  /** shared strings (distinct texts) a workbook may hold: a hostile table is refused before parsing */
  maxSharedStrings: number;
  /** heap cap per worker (MB): a runaway model fails that solve, not the server */
  workerHeapMb: number;
  /** how much lower than the main thread the solve threads run (Linux nice): answers and /health go first on a busy machine */
  workerNice: number;
  /** project root: dist/, addin/, manifest.xml, node_modules/ */
  root: string;
  /** built solve worker */
  workerFile: string;
  tls?: { certFile: string; keyFile: string };
  /** extra CSP sources beyond Office's own (MTO_FRAME_ANCESTORS, MTO_SCRIPT_SRC) */
  csp: { frameAncestors: string[]; scriptSrc: string[] };
  /** the origin written into the served manifest (MTO_PUBLIC_URL); default: the request's own */
  publicUrl?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, dflt: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${key} must be a whole number from ${min} to ${max} (got ${raw})`);
  return n;
}

const MB = 1024 * 1024;

/** A space- or comma-separated list of https origins, wildcards allowed (https://*.example.cn). */
function origins(env: Env, key: string): string[] {
  const list = (env[key] ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = list.filter((o) => !/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(o));
  if (bad.length) throw new ConfigError(`${key} must list https origins such as https://*.example.cn (got ${bad.join(' ')})`);
  return list;
}

/** Where office-addin-dev-certs puts its certificates (its defaults.localhostCertificatePath). */
export const devCertDir = (): string => join(homedir(), '.office-addin-dev-certs');

/**
 * Reads settings; `certExists` decides whether HTTPS is on (injected so tests stay on HTTP).
 * We read the dev-certs files directly rather than calling the package's getHttpsServerOptions,
 * which would install (and trust) new certificates as a side effect of starting a server.
 */
export function loadConfig(env: Env = process.env, certExists: (path: string) => boolean = () => false): Config {
  // dist/server.js → the project root is one level up (also right for service/config.ts).
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(env.MTO_ROOT ?? join(here, '..'));
  const host = env.HOST?.trim() || '127.0.0.1';
  const token = env.MTO_TOKEN?.trim() || undefined;
  if (!isLoopback(host) && !token) {
    throw new ConfigError(`HOST=${host} is reachable from other machines: set MTO_TOKEN to a long random secret (clients send "Authorization: Bearer <token>"), or bind to 127.0.0.1`);
  }
  if (token && token.length < 16) throw new ConfigError('MTO_TOKEN must be at least 16 characters');

  let tls: Config['tls'];
  if (env.MTO_HTTPS !== '0') {
    const certFile = env.MTO_TLS_CERT ?? join(devCertDir(), 'localhost.crt');
    const keyFile = env.MTO_TLS_KEY ?? join(devCertDir(), 'localhost.key');
    if (certExists(certFile) && certExists(keyFile)) tls = { certFile, keyFile };
    else if (env.MTO_TLS_CERT || env.MTO_TLS_KEY) throw new ConfigError(`MTO_TLS_CERT / MTO_TLS_KEY: ${certFile} or ${keyFile} not found`);
  }

  const db = env.MTO_DB?.trim() || join('data', 'mto-planner.db');
  const postgres = isPostgresUrl(db);
  // MTO_QUEUE is the embedded queue's length, or `pg-boss` for the shared job queue (MTO_QUEUE_MAX long).
  const pgBoss = env.MTO_QUEUE?.trim().toLowerCase() === 'pg-boss';
  if (pgBoss && !postgres) throw new ConfigError('MTO_QUEUE=pg-boss keeps its jobs in PostgreSQL: set MTO_DB=postgres://user@host/database too');
  return {
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    token,
    dbPath: postgres || db === ':memory:' ? db : resolve(db),
    keepDays: int(env, 'MTO_KEEP_DAYS', 0, 0, 36_500),
    queueEngine: pgBoss ? 'pg-boss' : 'threads',
    workers: int(env, 'MTO_WORKERS', Math.max(1, availableParallelism() - 1), 1, 64),
    queueMax: pgBoss ? int(env, 'MTO_QUEUE_MAX', 64, 0, 100_000) : int(env, 'MTO_QUEUE', 16, 0, 10_000),
    solveTimeoutSeconds: int(env, 'MTO_SOLVE_TIMEOUT', 120, 1, 3600),
    shutdownGraceSeconds: int(env, 'MTO_SHUTDOWN_GRACE', 10, 0, 600),
    jsonLimitBytes: int(env, 'MTO_JSON_LIMIT_MB', 20, 1, 1024) * MB,
    uploadLimitBytes: int(env, 'MTO_UPLOAD_LIMIT_MB', 20, 1, 1024) * MB,
    maxCells: int(env, 'MTO_MAX_CELLS', MAX_CELLS, 1, 100_000_000),
    maxSharedStrings: int(env, 'MTO_MAX_SHARED_STRINGS', MAX_SHARED_STRINGS, 1000, 100_000_000),
    workerHeapMb: int(env, 'MTO_WORKER_HEAP_MB', 1024, 64, 65_536),
    workerNice: int(env, 'MTO_WORKER_NICE', 10, 0, 19),
    root,
    workerFile: resolve(env.MTO_WORKER_FILE ?? join(root, 'dist', 'solve-worker.js')),
    tls,
    csp: { frameAncestors: origins(env, 'MTO_FRAME_ANCESTORS'), scriptSrc: origins(env, 'MTO_SCRIPT_SRC') },
    publicUrl: publicUrl(env),
  };
}

/** MTO_PUBLIC_URL: where Excel reaches this service (https, no path), e.g. https://planner.example.com. */
function publicUrl(env: Env): string | undefined {
  const raw = env.MTO_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`MTO_PUBLIC_URL must be a URL such as https://planner.example.com (got ${raw})`);
  }
  if (u.protocol !== 'https:' || (u.pathname !== '/' && u.pathname !== '')) throw new ConfigError(`MTO_PUBLIC_URL must be an https origin without a path (got ${raw}): Excel loads add-ins over HTTPS only`);
  return u.origin;
}
