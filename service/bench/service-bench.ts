// Load benchmark for the planning service: N concurrent clients post the sample plant to
// POST /api/v1/plan (or another job) for a bounded time, while a probe times /health.
// Reports throughput (and per core of the machine), latency percentiles, 429s (deliberate
// back-pressure) apart from errors, /health's p99 against its 100 ms target, and the server's
// resident memory (main thread and solve workers share one process): its growth from the end of
// the first tenth of the run (warmed up) to the end, against the 10 % a soak may grow.
// SOAK_SECONDS=300 runs the five-minute soak (it overrides --seconds).
//
//   npm run build && npm run bench:service -- [--clients 8] [--seconds 15] [--job plan|quote|suppliers]
//     [--workers N --queue N]   (server settings for the server the benchmark starts)
//     [--url http://127.0.0.1:3000]   (use a running server instead; loopback only)
//     [--json]
//   --queue pg-boss --db postgres://…/throwaway [--services N] [--workers N] [--kill-worker S]
//     starts N service processes (default 2) and N `mto-planner worker` processes (default 2, one
//     thread each) on that database; clients take turns over the services; --kill-worker SIGKILLs
//     one worker S seconds in (its jobs are retried by the others: counted as retries).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quantileSorted } from 'simple-statistics';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { isLoopback } from '../config';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '15' },
    job: { type: 'string', default: 'plan' },
    workers: { type: 'string' },
    queue: { type: 'string' },
    url: { type: 'string' },
    db: { type: 'string' },
    services: { type: 'string', default: '2' },
    'kill-worker': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const ENDPOINT: Record<string, string> = { plan: '/api/v1/plan', quote: '/api/v1/quotes/simulate', suppliers: '/api/v1/suppliers/evaluate' };
const clients = Number(args.clients);
const seconds = Number(process.env.SOAK_SECONDS || args.seconds);
const endpoint = ENDPOINT[args.job!];
const pgBoss = args.queue === 'pg-boss';
const db = args.db ?? process.env.MTO_DB;
if (!endpoint || !(clients >= 1) || !(seconds > 0) || (pgBoss && !/^postgres(ql)?:\/\//.test(db ?? ''))) {
  console.error('usage: bench:service [--clients N] [--seconds S] [--job plan|quote|suppliers] [--workers N] [--queue N] [--url http://127.0.0.1:PORT] [--json]');
  console.error('       bench:service --queue pg-boss --db postgres://user@host/throwaway-db [--services N] [--workers N] [--kill-worker S] …');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Start dist/server.js on an ephemeral loopback port with a throwaway database (or the pg-boss one). */
async function startServer(): Promise<{ url: string; proc: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mto-bench-'));
  const env: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', PORT: '0', MTO_HTTPS: '0', MTO_DB: join(dir, 'bench.db'), LOG_LEVEL: 'info', MTO_TOKEN: '' };
  if (args.workers && !pgBoss) env.MTO_WORKERS = args.workers;
  if (args.queue) env.MTO_QUEUE = args.queue;
  if (pgBoss) env.MTO_DB = db;
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"port":(\d+)/.exec(buf);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with code ${code}: ${buf.slice(-800)}`)));
  });
  proc.stdout!.resume(); // keep draining request logs
  return { url, proc, dir };
}

/** `mto-planner worker` with one solve thread; ready once /health counts it (waited for below). */
async function startWorker(): Promise<ChildProcess> {
  return spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'worker'], { cwd: root, env: { ...process.env, MTO_DB: db, MTO_WORKERS: '1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const pct = (sorted: number[], p: number): number => (sorted.length ? quantileSorted(sorted, p) : NaN);

async function main() {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const extra: Awaited<ReturnType<typeof startServer>>[] = [];
  const workerProcs: ChildProcess[] = [];
  let base = args.url;
  if (base) {
    if (!isLoopback(new URL(base).hostname)) throw new Error(`--url must be a loopback address (got ${base})`);
  } else if (pgBoss) {
    const n = Math.max(1, Number(args.services));
    const w = Math.max(1, Number(args.workers ?? 2));
    const started = await Promise.all([...Array.from({ length: n }, startServer), ...Array.from({ length: w }, startWorker)]);
    server = started[0] as Awaited<ReturnType<typeof startServer>>;
    extra.push(...(started.slice(1, n) as Awaited<ReturnType<typeof startServer>>[]));
    workerProcs.push(...(started.slice(n) as ChildProcess[]));
    base = server.url;
    // Wait until every worker has reported in.
    for (let i = 0; i < 300; i++) {
      const h = (await (await fetch(`${base}/api/v1/health`)).json()) as { workers: { liveWorkers?: number } };
      if ((h.workers.liveWorkers ?? 0) >= w) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } else {
    server = await startServer();
    base = server.url;
  }
  const bases = [base, ...extra.map((e) => e.url)];
  const body = JSON.stringify({ workbook: recordsToRows(samplePlant()) });
  const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { workers: { size: number; queueMax: number; liveWorkers?: number } };
  let retries = 0;
  let turn = 0;
  if (args['kill-worker'] && workerProcs.length) setTimeout(() => workerProcs[0].kill('SIGKILL'), Number(args['kill-worker']) * 1000).unref();

  const latencies: number[] = [];
  const healthMs: number[] = [];
  let ok = 0;
  let busy = 0;
  const errors = new Map<string, number>();
  let peakRss = 0;
  const rssStart = server ? rssMb(server.proc.pid!) : undefined;
  let rssWarm: number | undefined;
  let rssEnd: number | undefined;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;

  const client = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const r = await fetch(bases[turn++ % bases.length] + endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await r.arrayBuffer();
        retries += Number(r.headers.get('x-attempts') ?? 1) - 1;
        if (r.status === 200) (ok++, latencies.push(performance.now() - t));
        else if (r.status === 429) {
          busy++;
          // Back off as told (capped so the benchmark keeps its pressure).
          await new Promise((res) => setTimeout(res, Math.min(1000, Number(r.headers.get('retry-after') ?? 1) * 1000)));
        } else errors.set(`HTTP ${r.status}`, (errors.get(`HTTP ${r.status}`) ?? 0) + 1);
      } catch (e) {
        const k = (e as Error).message;
        errors.set(k, (errors.get(k) ?? 0) + 1);
      }
    }
  };
  const probe = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
      healthMs.push(performance.now() - t);
      if (server) {
        const rss = rssMb(server.proc.pid!) ?? 0;
        peakRss = Math.max(peakRss, rss);
        if (rssWarm === undefined && performance.now() - t0 >= seconds * 100) rssWarm = rss;
        rssEnd = rss;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
  };
  await Promise.all([...Array.from({ length: clients }, client), probe()]);
  const elapsed = (performance.now() - t0) / 1000;

  latencies.sort((a, b) => a - b);
  healthMs.sort((a, b) => a - b);
  const report = {
    job: args.job,
    clients,
    seconds: Math.round(elapsed * 10) / 10,
    queue: pgBoss ? 'pg-boss' : 'threads',
    services: bases.length,
    workers: pgBoss ? workerProcs.length || health.workers.liveWorkers : health.workers.size,
    queueMax: health.workers.queueMax,
    requests: ok + busy + [...errors.values()].reduce((a, b) => a + b, 0),
    ok,
    rejected429: busy,
    retries,
    errors: Object.fromEntries(errors),
    throughputPerSecond: Math.round((ok / elapsed) * 100) / 100,
    cores: availableParallelism(),
    perCorePerSecond: Math.round((ok / elapsed / availableParallelism()) * 100) / 100,
    latencyMs: { p50: Math.round(pct(latencies, 0.5)), p90: Math.round(pct(latencies, 0.9)), p99: Math.round(pct(latencies, 0.99)), max: Math.round(latencies.at(-1) ?? NaN) },
    healthMs: { probes: healthMs.length, p50: Math.round(pct(healthMs, 0.5) * 10) / 10, p99: Math.round(pct(healthMs, 0.99) * 10) / 10, max: Math.round((healthMs.at(-1) ?? NaN) * 10) / 10 },
    serverRssMb: server ? { start: Math.round(rssStart ?? 0), warm: Math.round(rssWarm ?? 0), end: Math.round(rssEnd ?? 0), peak: Math.round(peakRss), growthPct: rssWarm ? Math.round((((rssEnd ?? rssWarm) - rssWarm) / rssWarm) * 1000) / 10 : NaN } : 'n/a (--url)',
  };

  const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;
  const stopping = workerProcs.filter(alive).map((w) => new Promise((res) => w.once('exit', res)));
  for (const w of workerProcs) if (alive(w)) w.kill('SIGTERM');
  for (const sv of server ? [server, ...extra] : []) {
    sv.proc.kill('SIGTERM');
    await new Promise((res) => sv.proc.once('exit', res));
    rmSync(sv.dir, { recursive: true, force: true });
  }
  await Promise.all(stopping);

  if (args.json) console.log(JSON.stringify(report, null, 2));
  else {
    const errCount = report.requests - ok - busy;
    const where = pgBoss ? `pg-boss: ${report.services} service(s), ${report.workers} worker process(es) × 1 thread, queue ${report.queueMax}` : `${report.workers} worker(s), queue ${report.queueMax}`;
    console.log(`POST ${endpoint} (sample plant), ${clients} clients for ${report.seconds} s; ${where}`);
    console.log(`  requests ${report.requests}: ok ${ok}, 429 busy ${busy}, errors ${errCount}${errCount ? ` ${JSON.stringify(report.errors)}` : ''}, retries ${retries}`);
    console.log(`  throughput ${report.throughputPerSecond} plans/s, ${report.perCorePerSecond} per core (${report.cores} cores)`);
    console.log(`  latency ms: p50 ${report.latencyMs.p50}, p90 ${report.latencyMs.p90}, p99 ${report.latencyMs.p99}, max ${report.latencyMs.max}`);
    console.log(`  /health ms meanwhile: p50 ${report.healthMs.p50}, p99 ${report.healthMs.p99} (${report.healthMs.p99 < 100 ? 'under' : 'OVER'} the 100 ms target), max ${report.healthMs.max} (${report.healthMs.probes} probes)`);
    const r = report.serverRssMb;
    if (typeof r === 'object')
      console.log(`  server RSS MB: ${r.start} at start, ${r.warm} warmed up (after ${Math.round(seconds / 10)} s), ${r.end} at the end (${r.growthPct >= 0 ? '+' : ''}${r.growthPct} %, ${r.growthPct <= 10 ? 'within' : 'OVER'} 10 %), ${r.peak} peak`);
  }
  if (report.requests - ok - busy > 0) process.exitCode = 1;
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
