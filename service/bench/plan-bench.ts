// npm run bench: planning speed on generated plants of growing size.
//
//   node dist/bench.js [--sizes 50x5x12,300x10x26,1000x20x26,3000x30x52] [--cap 60] [--runs 3]
//                      [--backends highs,highs-simplex,highs-ipm,jslp,cbc,glpk] [--phasing N] [--no-cli] [--json]
//                      [--shapes standard,few-ops,shared-material,long-routings]
//   node dist/bench.js --growth [--sizes …] [--max-orders N]   (wall and CPU time and memory per phase)
//
// Every timed figure is run --runs times (default 3) and printed as "min / median"; ratios are
// of minimums measured in the same bench run. The objective's gap is against CBC's where CBC
// finished (else against the default's). Shapes other than the standard one (see
// shared/plan/generate-plant.ts) run the default backend, CBC and the CLI only, unless --backends
// is given. BENCH_MAX_ORDERS (or --max-orders) leaves out sizes with more orders, for quick runs.
//
// Sizes are orders × work centers × weekly buckets, generated with a fixed seed. Each size and
// backend runs in a child process of its own, so the peak RSS is that run's and a solve that
// outlives the time cap is killed and reported as "over cap":
//   highs          the product's default: column generation, HiGHS (Wasm) on the master
//   highs-simplex  HiGHS's dual simplex on the whole LP, presolve off (as the plan job runs it)
//   highs-ipm      HiGHS's interior point (with crossover) on the whole LP
//   jslp           javascript-lp-solver on the whole LP, only on models up to 5,000 columns
//   cbc, glpk      native CBC / glpsol on the exported CPLEX-LP file, where installed; the time is
//                  the solver process's own run (reading the file included, our writing it not)
// Columns: model size, build and solve seconds, objective, its relative gap to the default's,
// "late" (orders late or short, and how many more/fewer than the exact weekly plan's), the run's
// peak RSS, and the solve time as a multiple of CBC's (of the default's where CBC did not finish).
// HiGHS is warmed (one small solve) before the timed one, as the service does at start. Then, per
// size, the CLI end to end: the plant written as .xlsx, `node dist/cli.js plan book.xlsx --out …`
// timed from process start to exit (a fresh process: nothing warmed), with its peak RSS; and once
// more with --no-schedule, to print what the day-by-day schedule adds end to end, interleaved
// run by run with fresh plan processes that time the schedule's own CPU seconds (its phase and
// writing its sheets) against the rest of the plan's: the steadier figure of the schedule's share.
// With --phasing N, rows "highs phased N" and "CLI phased N" plan the same plant on N weekly
// buckets and two-week buckets after them: a smaller, coarser model, so its objective is not
// comparable (the late orders are listed against the weekly plan's).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { relativeGap, checkedSolution } from '../../shared/lp/check';
import { solveJslp } from '../solvers/jslp';
import { writeLp } from '../../shared/lp/lp-file';
import type { LpSolution } from '../../shared/lp/model';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { extractPlan } from '../../shared/plan/extract';
import { generatePlant, PLANT_SHAPES, type PlantShape } from '../../shared/plan/generate-plant';
import { PHASES, phaseRun, type PhaseRun } from './phases';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { highsIncremental, solveHighs, warmHighs } from '../solvers/highs';
import { onPath, solveLpFile } from '../solvers/lp-file-solver';
import { inputWorkbook } from '../xlsx/write-inputs';
import { xlsxBytes } from '../xlsx/workbook';

export const BENCH_BACKENDS = ['highs', 'highs-simplex', 'highs-ipm', 'jslp', 'cbc', 'glpk'] as const;
type Backend = (typeof BENCH_BACKENDS)[number];
const DEFAULT_SIZES = '50x5x12,300x10x26,1000x20x26,3000x30x52';
const GROWTH_SIZES = '100x10x26,300x10x26,1000x20x26,3000x30x52,10000x50x52';
const SEED = 1;
const JSLP_MAX_COLUMNS = 5000;
const MARK = 'BENCH-RESULT ';

export interface Size {
  orders: number;
  workCenters: number;
  buckets: number;
}

export interface RunResult {
  backend: string;
  /** optimal; overCap (killed or stopped at the cap); skipped (not installed, too large for jslp); error */
  status: 'optimal' | 'overCap' | 'skipped' | 'error';
  variables?: number;
  constraints?: number;
  buildSeconds?: number;
  solveSeconds?: number;
  objective?: number;
  /** every run's solve seconds (solveSeconds is their minimum) and build seconds */
  solveRuns?: number[];
  buildRuns?: number[];
  /** peak resident memory of the run's process */
  rssMB?: number;
  /** orders finishing after their due bucket or short */
  lateOrders?: string[];
  message?: string;
}

export interface CliResult {
  /** 'CLI end to end', or 'CLI phased N' */
  label: string;
  status: 'ok' | 'overCap' | 'error';
  /** process start to exit: the fastest run, and every run */
  seconds: number;
  runs?: number[];
  /** CPU time of the process (user + system): steadier than the wall clock on a shared machine */
  cpuSeconds?: number;
  /** CPU time of every run */
  cpuRuns?: number[];
  rssMB?: number;
  solver?: string;
  solveSeconds?: number;
  variables?: number;
  message?: string;
}

/** One fresh plan process's schedule share (see runScheduleShare): seconds, CPU and wall. */
export interface ShareRun {
  /** the schedule phase */
  scheduleCpu: number;
  /** writing the schedule's sheets: the result's write less the plan's sheets written alone */
  writeCpu: number;
  /** the plan without the schedule: read, build, solve, extract, its sheets written */
  planCpu: number;
  scheduleWall: number;
  writeWall: number;
  planWall: number;
}

export interface SizeResult {
  size: Size;
  shape: PlantShape;
  runs: RunResult[];
  /** the CLI end to end, then (with --phasing) on phased buckets, then without the schedule */
  cli: CliResult[];
  /** the schedule's share inside the plan's process, one entry per run */
  scheduleShare?: ShareRun[];
  scheduleShareError?: string;
}

const sizeText = (s: Size) => `${s.orders}x${s.workCenters}x${s.buckets}`;
const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

function parseSize(text: string): Size {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--sizes: "${text}" is not orders x work centers x buckets, e.g. 300x10x26`);
  return { orders: Number(m[1]), workCenters: Number(m[2]), buckets: Number(m[3]) };
}

const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

// ---- one run, in a child process ---------------------------------------------------------------

async function runOne(size: Size, backend: Backend, capSeconds: number, runs: number, shape: PlantShape, phasing?: number): Promise<RunResult> {
  const label = phasing === undefined ? backend : `${backend} phased ${phasing}`;
  if ((backend === 'cbc' || backend === 'glpk') && !onPath(backend === 'cbc' ? 'cbc' : 'glpsol'))
    return { backend: label, status: 'skipped', message: `${backend === 'cbc' ? 'cbc' : 'glpsol'} is not installed` };
  const { plant, problems } = readPlant(recordsToRows(generatePlant({ ...size, seed: SEED, shape })), 'plan');
  if (problems.length) return { backend: label, status: 'error', message: `generated plant invalid: ${problems[0].message}` };
  if (backend.startsWith('highs')) await warmHighs();
  // The same build and solve `runs` times; each run's times kept, the last run's answer reported.
  const buildRuns: number[] = [];
  const solveRuns: number[] = [];
  let last: RunResult | undefined;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const pm = buildPlanModel(plant, phasing === undefined ? {} : { phasing: { fineBuckets: phasing } });
    buildRuns.push((performance.now() - t0) / 1000);
    last = await solveOnce(pm, backend, label, buildRuns[k], capSeconds);
    if (last.status !== 'optimal') return last;
    solveRuns.push(last.solveSeconds!);
  }
  return { ...last!, buildSeconds: Math.min(...buildRuns), solveSeconds: Math.min(...solveRuns), buildRuns, solveRuns };
}

async function solveOnce(pm: ReturnType<typeof buildPlanModel>, backend: Backend, label: string, buildSeconds: number, capSeconds: number): Promise<RunResult> {
  const lp = pm.lp;
  const base = { backend: label, variables: lp.colCost.length, constraints: lp.rowLower.length, buildSeconds };
  if (backend === 'jslp' && lp.colCost.length > JSLP_MAX_COLUMNS)
    return { ...base, status: 'skipped', message: `over ${JSLP_MAX_COLUMNS} columns: javascript-lp-solver is for tiny models` };
  const limit = { timeLimitSeconds: capSeconds };
  let sol: LpSolution;
  if (backend === 'highs') {
    const t = performance.now();
    const cg = await solveByColumns(pm, highsIncremental, { ...limit, clock: () => performance.now() });
    sol = checkedSolution(lp, cg.status, cg.values, 'highs-columns', (performance.now() - t) / 1000, cg.message);
  } else if (backend === 'highs-simplex' || backend === 'highs-ipm') sol = await solveHighs(lp, limit, backend === 'highs-ipm' ? 'ipm' : 'simplex', { presolve: backend === 'highs-ipm' });
  else if (backend === 'jslp') sol = solveJslp(lp, limit);
  else {
    sol = await solveLpFile(backend, lp, limit);
    sol.seconds = sol.solverSeconds ?? sol.seconds;
  }
  const status = sol.status === 'optimal' ? 'optimal' : sol.status === 'timeLimit' ? 'overCap' : 'error';
  const late = status === 'optimal' ? extractPlan(pm, sol.values).orders.filter((o) => (o.daysLate ?? 0) > 0 || o.shortQty > 0).map((o) => o.orderId) : undefined;
  return { ...base, status, solveSeconds: sol.seconds, objective: sol.status === 'optimal' ? sol.objective : undefined, rssMB: rssMB(), lateOrders: late, message: sol.message };
}

// ---- the parent: children, the CLI, the table ---------------------------------------------------

interface Child {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  seconds: number;
}

function child(args: string[], capSeconds: number, nodeArgs: string[] = process.execArgv): Promise<Child> {
  return new Promise((done) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      killed = true;
      p.kill('SIGKILL');
    }, capSeconds * 1000);
    p.on('close', (code) => {
      clearTimeout(timer);
      done({ code, killed, stdout, stderr, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** Grace over the cap for a child's own start, plant generation and model building. */
const graceSeconds = (s: Size) => 10 + (s.orders * s.buckets) / 5000;

async function runInChild(script: string, size: Size, backend: Backend, cap: number, runs: number, shape: PlantShape, phasing?: number): Promise<RunResult> {
  const label = phasing === undefined ? backend : `${backend} phased ${phasing}`;
  const args = [script, '--child', sizeText(size), '--backend', backend, '--cap', String(cap), '--runs', String(runs), '--shapes', shape, ...(phasing === undefined ? [] : ['--phasing', String(phasing)])];
  const r = await child(args, (cap + graceSeconds(size)) * runs);
  const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
  if (line) return JSON.parse(line.slice(MARK.length)) as RunResult;
  if (r.killed) return { backend: label, status: 'overCap', message: `killed after ${cap} s (+ ${graceSeconds(size).toFixed(0)} s to build)` };
  return { backend: label, status: 'error', message: (r.stderr.trim().split('\n').pop() ?? '') || `exit ${r.code}` };
}

/** The CLI on a real .xlsx, fresh process; peak RSS read by a preloaded exit hook. */
async function runCli(size: Size, cap: number, cliPath: string, runs: number, shape: PlantShape, phasing?: number, noSchedule = false): Promise<CliResult> {
  const all: CliResult[] = [];
  for (let k = 0; k < runs; k++) {
    const r = await runCliOnce(size, cap, cliPath, shape, phasing, noSchedule);
    if (r.status !== 'ok') return r;
    all.push(r);
  }
  return cliSummary(all);
}

/** The fastest run, with every run's wall and CPU seconds and the highest peak RSS. */
function cliSummary(all: CliResult[]): CliResult {
  const best = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const cpuRuns = all.flatMap((r) => (r.cpuSeconds === undefined ? [] : [r.cpuSeconds]));
  return { ...best, runs: all.map((r) => r.seconds), cpuRuns: cpuRuns.length ? cpuRuns : undefined, rssMB: Math.max(...all.map((r) => r.rssMB ?? 0)) || undefined };
}

/**
 * The schedule's share measured inside the plan's process, once per fresh process: the CPU
 * seconds of the schedule phase (schedule, the plan's dates from it, its answer and sheets) and
 * of writing its sheets (the result written with them, less the plan's sheets written alone), over
 * the CPU seconds of the plan without it (read, build, solve, extract, the plan's sheets written).
 * Each figure is measured directly, not as the difference of two whole runs, so the solve's and
 * the machine's noise stay in the denominator only.
 */
async function runScheduleShare(script: string, size: Size, cap: number, shape: PlantShape, k: number): Promise<ShareRun | { error: string }> {
  const args = [script, '--child', sizeText(size), '--growth', '--plan-only-write', k % 2 ? 'first' : 'last', '--cap', String(cap), '--shapes', shape];
  const r = await child(args, cap + graceSeconds(size) * 3);
  const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
  const p = line ? (JSON.parse(line.slice(MARK.length)) as PhaseRun) : undefined;
  if (!p || p.status !== 'optimal' || !p.planOnlyWrite) return { error: p?.message ?? (r.killed ? 'over cap' : (r.stderr.trim().split('\n').pop() ?? '') || `exit ${r.code}`) };
  const [c, w] = [p.cpuSeconds, p.seconds];
  const planCpu = c.read! + c.build! + c.solve! + c.extract! + p.planOnlyWrite.cpuSeconds;
  const planWall = w.read! + w.build! + w.solve! + w.extract! + p.planOnlyWrite.seconds;
  return {
    scheduleCpu: c.schedule!,
    writeCpu: c.write! - p.planOnlyWrite.cpuSeconds,
    planCpu,
    scheduleWall: w.schedule!,
    writeWall: w.write! - p.planOnlyWrite.seconds,
    planWall,
  };
}

async function runCliOnce(size: Size, cap: number, cliPath: string, shape: PlantShape, phasing?: number, noSchedule = false): Promise<CliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mto-bench-'));
  try {
    const p = generatePlant({ ...size, seed: SEED, shape });
    const book = join(dir, 'plant.xlsx');
    writeFileSync(book, await xlsxBytes(inputWorkbook(p.settings, p.sheets)));
    const hook = join(dir, 'rss.cjs');
    writeFileSync(hook, `process.on('exit', () => require('fs').writeSync(2, '\\n${MARK}' + JSON.stringify({ rssKB: process.resourceUsage().maxRSS, cpuUs: process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime }) + '\\n'));\n`);
    const args = [cliPath, 'plan', book, '--out', join(dir, 'out.xlsx'), '--json', '--time-limit', String(cap), ...(phasing === undefined ? [] : ['--phasing', String(phasing)]), ...(noSchedule ? ['--no-schedule'] : [])];
    const r = await child(args, cap + graceSeconds(size), ['-r', hook]);
    const mark = r.stderr.split('\n').find((l) => l.startsWith(MARK));
    const label = noSchedule ? 'CLI without schedule' : phasing === undefined ? 'CLI end to end' : `CLI phased ${phasing}`;
    const usage = mark ? (JSON.parse(mark.slice(MARK.length)) as { rssKB: number; cpuUs: number }) : undefined;
    const rss = usage ? Math.round(usage.rssKB / 1024) : undefined;
    const cpuSeconds = usage ? usage.cpuUs / 1e6 : undefined;
    if (r.killed) return { label, status: 'overCap', seconds: r.seconds, message: `killed after ${(cap + graceSeconds(size)).toFixed(0)} s` };
    let json: { status?: string; message?: string; solver?: { name: string; seconds: number; variables: number } } = {};
    try {
      json = JSON.parse(r.stdout);
    } catch {
      // not JSON: reported below
    }
    if (r.code !== 0 || json.status !== 'optimal')
      return { label, status: 'error', seconds: r.seconds, rssMB: rss, message: json.message ?? (r.stderr.split('\n').find((l) => l.trim() && !l.startsWith(MARK)) || `exit ${r.code}`) };
    return { label, status: 'ok', seconds: r.seconds, cpuSeconds, rssMB: rss, solver: json.solver?.name, solveSeconds: json.solver?.seconds, variables: json.solver?.variables };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f2 = (v: number | undefined) => (v === undefined ? '' : v.toFixed(2));
const int = (v: number | undefined) => (v === undefined ? '' : v.toLocaleString('en-US'));

function table(results: SizeResult[], cap: number): string {
  const out: string[] = [];
  for (const r of results) {
    const n = r.runs.find((x) => x.solveRuns)?.solveRuns?.length ?? r.cli[0]?.runs?.length ?? 1;
    out.push(`\n${r.size.orders} orders × ${r.size.workCenters} work centers × ${r.size.buckets} buckets (seed ${SEED}, cap ${cap} s), ${r.shape ?? 'standard'} plant, ${n} run${n === 1 ? '' : 's'} each`);
    const cbc = r.runs.find((x) => x.backend === 'cbc' && x.status === 'optimal');
    const highs = r.runs.find((x) => x.backend === 'highs' && x.status === 'optimal');
    // The objective's gap is against CBC's where CBC finished; late orders against the default's.
    const ref = highs;
    const gapRef = cbc ?? highs;
    const head = ['backend', 'variables', 'constraints', 'build s', 'solve s', 'objective', 'gap', 'late', 'RSS MB', cbc ? '× cbc' : '× highs'];
    // Late orders against the exact weekly plan's: "12" when the same, "14 (+3 −1)" when not.
    const lateText = (x: RunResult) => {
      if (!x.lateOrders) return '';
      if (!ref?.lateOrders || x === ref) return String(x.lateOrders.length);
      const mine = new Set(x.lateOrders);
      const theirs = new Set(ref.lateOrders);
      const plus = x.lateOrders.filter((o) => !theirs.has(o)).length;
      const minus = ref.lateOrders.filter((o) => !mine.has(o)).length;
      return plus || minus ? `${x.lateOrders.length} (+${plus} −${minus})` : String(x.lateOrders.length);
    };
    const minMed = (runs: number[] | undefined, min: number | undefined) => (runs && runs.length > 1 ? `${f2(Math.min(...runs))} / ${f2(median(runs))}` : f2(min));
    const rows = r.runs.map((x) => {
      const base = cbc ?? ref;
      const ok = x.status === 'optimal';
      const comparable = ok && gapRef && !x.backend.includes('phased');
      return [
        x.backend,
        int(x.variables),
        int(x.constraints),
        f2(x.buildSeconds),
        ok ? minMed(x.solveRuns, x.solveSeconds) : x.status === 'overCap' ? 'over cap' : x.status,
        ok ? x.objective!.toFixed(4) : '',
        comparable ? relativeGap(x.objective!, gapRef.objective!).toExponential(1) : x.backend.includes('phased') ? '(other model)' : '',
        lateText(x),
        x.rssMB === undefined ? '' : String(x.rssMB),
        ok && base && base.solveSeconds! > 0 ? `${(x.solveSeconds! / base.solveSeconds!).toFixed(2)}` : '',
      ];
    });
    for (const c of r.cli)
      rows.push([
        c.label,
        int(c.variables),
        '',
        '',
        c.status === 'ok' ? minMed(c.runs, c.seconds) : c.status === 'overCap' ? 'over cap' : 'error',
        c.status === 'ok' ? `(${c.solver} ${f2(c.solveSeconds)} s)` : (c.message ?? ''),
        '',
        '',
        c.rssMB === undefined ? '' : String(c.rssMB),
        c.status === 'ok' && cbc ? (c.seconds / cbc.solveSeconds!).toFixed(2) : '',
      ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const fmt = (row: string[]) => row.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    out.push(`solve s: min / median; gap: against ${cbc ? 'CBC' : 'the default'}'s objective; × ${cbc ? 'cbc' : 'highs'}: minimum over minimum, same run`);
    out.push('late: orders late or short (+ more / − fewer than the exact weekly plan\'s)');
    out.push(fmt(head), ...rows.map(fmt));
    for (const x of r.runs) if (x.message && x.status !== 'optimal') out.push(`  ${x.backend}: ${x.message}`);
    const withS = r.cli.find((c) => c.label === 'CLI end to end' && c.status === 'ok');
    const without = r.cli.find((c) => c.label === 'CLI without schedule' && c.status === 'ok');
    // Each side's minimum (and median) over its runs: one run's CPU time on a shared machine
    // varies by more than the schedule costs.
    const share = (a: number, b: number) => `+${(((a - b) / b) * 100).toFixed(0)} %`;
    if (withS?.cpuRuns && without?.cpuRuns) {
      const [cw, cn] = [Math.min(...withS.cpuRuns), Math.min(...without.cpuRuns)];
      const [mw, mn] = [median(withS.cpuRuns), median(without.cpuRuns)];
      const [ww, wn] = [withS.runs ?? [withS.seconds], without.runs ?? [without.seconds]];
      out.push(
        `schedule's share end to end, CPU time min / median: ${f2(cw)} / ${f2(mw)} s with, ${f2(cn)} / ${f2(mn)} s without: ${share(cw, cn)} / ${share(mw, mn)}` +
          ` (wall clock min / median ${f2(Math.min(...ww))} / ${f2(median(ww))} s and ${f2(Math.min(...wn))} / ${f2(median(wn))} s: ${share(Math.min(...ww), Math.min(...wn))} / ${share(median(ww), median(wn))})`,
      );
    }
    // The robust figure: measured inside each plan process (see runScheduleShare).
    if (r.scheduleShare?.length) {
      const xs = r.scheduleShare;
      const mm = (f: (x: ShareRun) => number) => `${f2(Math.min(...xs.map(f)))} / ${f2(median(xs.map(f)))}`;
      const pct = (f: (x: ShareRun) => number) => `+${(Math.min(...xs.map(f)) * 100).toFixed(0)} % / +${(median(xs.map(f)) * 100).toFixed(0)} %`;
      out.push(
        `schedule's share inside the plan's process (${xs.length} fresh process${xs.length === 1 ? '' : 'es'}), CPU s min / median: schedule ${mm((x) => x.scheduleCpu)} + writing its sheets ${mm((x) => x.writeCpu)}` +
          ` over the plan without it ${mm((x) => x.planCpu)}: ${pct((x) => (x.scheduleCpu + x.writeCpu) / x.planCpu)} (wall clock ${pct((x) => (x.scheduleWall + x.writeWall) / x.planWall)})`,
      );
    } else if (r.scheduleShareError) out.push(`schedule's share inside the plan's process: ${r.scheduleShareError}`);
  }
  return out.join('\n');
}

/**
 * Seconds (wall / CPU) and resident MB per phase and size, and the time outside the solver per
 * 1,000 orders (wall / CPU). CPU seconds are the process's, every thread.
 */
function growthTable(runs: PhaseRun[], shape: PlantShape): string {
  const head = ['orders × WCs × weeks', 'variables', ...PHASES.map((p) => `${p} s`), 'total s', 'outside solve s / 1k orders', ...PHASES.map((p) => `RSS ${p}`), 'peak MB', 'status'];
  const both = (wall: number | undefined, cpu: number | undefined) => (wall === undefined ? '' : cpu === undefined ? f2(wall) : `${f2(wall)} / ${f2(cpu)}`);
  const rows = runs.map((r) => {
    const secs = PHASES.map((p) => r.seconds[p]);
    const cpus = PHASES.map((p) => r.cpuSeconds?.[p]);
    const sum = (xs: (number | undefined)[]) => xs.reduce<number>((a, s) => a + (s ?? 0), 0);
    const total = sum(secs);
    const cpuTotal = r.cpuSeconds ? sum(cpus) : undefined;
    const outside = total - (r.seconds.solve ?? 0);
    const cpuOutside = cpuTotal === undefined ? undefined : cpuTotal - (r.cpuSeconds.solve ?? 0);
    return [
      `${r.orders} × ${r.workCenters} × ${r.buckets}`,
      int(r.variables),
      ...secs.map((x, i) => both(x, cpus[i])),
      both(total, cpuTotal),
      r.status === 'optimal' ? both((outside / r.orders) * 1000, cpuOutside === undefined ? undefined : (cpuOutside / r.orders) * 1000) : '',
      ...PHASES.map((p) => (r.rssMB[p] === undefined ? '' : String(r.rssMB[p]))),
      String(r.peakMB || ''),
      r.status === 'optimal' ? 'optimal' : `${r.status}${r.message ? `: ${r.message}` : ''}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === 0 || i === row.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`\nTime (s: wall / CPU of the process) and resident memory (MB, after each phase) per phase, one fresh process per size, ${shape} plant, seed ${SEED}, HiGHS warmed first`, fmt(head), ...rows.map(fmt)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      cap: { type: 'string' },
      backends: { type: 'string' },
      phasing: { type: 'string' },
      'no-cli': { type: 'boolean' },
      json: { type: 'boolean' },
      child: { type: 'string' },
      backend: { type: 'string' },
      runs: { type: 'string' },
      shapes: { type: 'string' },
      growth: { type: 'boolean' },
      'max-orders': { type: 'string' },
      'plan-only-write': { type: 'string' },
    },
  });
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a whole number, 1 or more (got ${values.runs})`);
  const shapes = (values.shapes ?? PLANT_SHAPES.join(',')).split(',').map((x) => x.trim()) as PlantShape[];
  for (const x of shapes) if (!PLANT_SHAPES.includes(x)) throw new Error(`--shapes: unknown shape "${x}" (known: ${PLANT_SHAPES.join(', ')})`);
  const maxText = values['max-orders'] ?? process.env.BENCH_MAX_ORDERS;
  const maxOrders = maxText === undefined || maxText === '' ? Infinity : Number(maxText);
  if (!(maxOrders > 0)) throw new Error(`--max-orders (BENCH_MAX_ORDERS) must be a positive number of orders (got ${maxText})`);
  const cap = values.cap === undefined ? 60 : Number(values.cap);
  if (!(cap > 0)) throw new Error(`--cap must be a positive number of seconds (got ${values.cap})`);
  const phasing = values.phasing === undefined ? undefined : Number(values.phasing);
  if (phasing !== undefined && !(Number.isInteger(phasing) && phasing >= 0)) throw new Error(`--phasing must be a whole number of fine buckets (got ${values.phasing})`);

  if (values.child) {
    const size = parseSize(values.child);
    const planOnly = values['plan-only-write'];
    if (planOnly !== undefined && planOnly !== 'first' && planOnly !== 'last') throw new Error(`--plan-only-write must be first or last (got ${planOnly})`);
    const r = values.growth ? await phaseRun(size, cap, SEED, shapes[0], planOnly) : await runOne(size, values.backend as Backend, cap, runs, shapes[0], phasing);
    process.stdout.write(MARK + JSON.stringify(r) + '\n');
    return 0;
  }

  const sizes = (values.sizes ?? (values.growth ? GROWTH_SIZES : DEFAULT_SIZES)).split(',').map(parseSize).filter((s) => s.orders <= maxOrders);
  if (values.growth) {
    const script = resolve(process.argv[1]);
    const out: PhaseRun[] = [];
    for (const size of sizes) {
      const r = await child([script, '--child', sizeText(size), '--growth', '--cap', String(cap), '--shapes', shapes[0]], cap + graceSeconds(size) * 3);
      const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
      out.push(line ? (JSON.parse(line.slice(MARK.length)) as PhaseRun) : { ...size, status: r.killed ? 'overCap' : 'error', seconds: {}, cpuSeconds: {}, rssMB: {}, heapMB: {}, peakMB: 0, message: r.killed ? `killed after ${(cap + graceSeconds(size) * 3).toFixed(0)} s` : (r.stderr.trim().split('\n').pop() ?? '') || `exit ${r.code}` });
      if (!values.json) process.stderr.write(`${sizeText(size)} phases: ${out[out.length - 1].status}\n`);
    }
    process.stdout.write(values.json ? JSON.stringify(out, null, 2) + '\n' : growthTable(out, shapes[0]) + '\n');
    return 0;
  }
  const backends = (values.backends ?? BENCH_BACKENDS.join(',')).split(',').map((b) => b.trim()) as Backend[];
  for (const b of backends) if (!BENCH_BACKENDS.includes(b)) throw new Error(`--backends: unknown backend "${b}" (known: ${BENCH_BACKENDS.join(', ')})`);
  const script = resolve(process.argv[1]);
  const cliPath = existsSync(join(dirname(script), 'cli.js')) ? join(dirname(script), 'cli.js') : resolve('dist/cli.js');
  const results: SizeResult[] = [];
  for (const shape of shapes)
    for (const size of sizes) {
      const r: SizeResult = { size, shape, runs: [], cli: [] };
      // Other shapes: the default backend against CBC (and the CLI), unless backends were named.
      const mine = shape === 'standard' || values.backends !== undefined ? backends : backends.filter((b) => b === 'highs' || b === 'cbc');
      for (const b of mine) {
        r.runs.push(await runInChild(script, size, b, cap, runs, shape));
        if (!values.json) process.stderr.write(`${shape} ${sizeText(size)} ${b}: ${r.runs[r.runs.length - 1].status}\n`);
      }
      if (phasing !== undefined) r.runs.push(await runInChild(script, size, 'highs', cap, runs, shape, phasing));
      if (!values['no-cli'] && !existsSync(cliPath)) r.cli.push({ label: 'CLI end to end', status: 'error', seconds: 0, message: `${cliPath} not found: run npm run build` });
      else if (!values['no-cli']) {
        // The CLI with and without the day-by-day schedule, and the schedule's share inside one
        // process, interleaved run by run: a busy spell of the machine falls on all three alike.
        const [withS, without]: CliResult[][] = [[], []];
        const share: ShareRun[] = [];
        for (let k = 0; k < runs; k++) {
          // A side that failed once is not run again: its failure is what it reports.
          for (const [list, noSchedule] of [[withS, false], [without, true]] as const)
            if (list.every((x) => x.status === 'ok')) list.push(await runCliOnce(size, cap, cliPath, shape, undefined, noSchedule));
          if (r.scheduleShareError === undefined) {
            const s = await runScheduleShare(script, size, cap, shape, k);
            if ('error' in s) r.scheduleShareError = s.error;
            else share.push(s);
          }
        }
        const summary = (list: CliResult[]) => list.find((x) => x.status !== 'ok') ?? cliSummary(list);
        r.cli.push(summary(withS));
        if (phasing !== undefined) r.cli.push(await runCli(size, cap, cliPath, runs, shape, phasing));
        // The same plant without the day-by-day schedule: what the schedule adds end to end.
        r.cli.push(summary(without));
        if (share.length) r.scheduleShare = share;
      }
      results.push(r);
    }
  process.stdout.write(values.json ? JSON.stringify(results, null, 2) + '\n' : table(results, cap) + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
