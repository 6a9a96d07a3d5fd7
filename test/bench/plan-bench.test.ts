// `npm run bench` (service/bench/plan-bench.ts, built to dist/bench.js by `npm test`) on the
// smallest size only: the benchmark itself is not a test, this checks it runs and reports.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PhaseRun } from '../../service/bench/phases';
import type { SizeResult } from '../../service/bench/plan-bench';
import { relativeGap } from '../../shared/lp/check';
import { ROOT } from '../helpers';

const bench = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/bench.js'), ...args], { encoding: 'utf8', timeout: 170_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe('plan benchmark', () => {
  it('reports every backend and the CLI end to end on the smallest size, with the same objective', () => {
    const results = JSON.parse(bench(['--sizes', '50x5x12', '--cap', '30', '--backends', 'highs,highs-simplex,cbc', '--shapes', 'standard', '--runs', '2', '--json'])) as SizeResult[];
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r.size).toEqual({ orders: 50, workCenters: 5, buckets: 12 });
    expect(r.shape).toBe('standard');
    expect(r.runs.map((x) => x.backend)).toEqual(['highs', 'highs-simplex', 'cbc']);
    const [cg, simplex, cbc] = r.runs;
    for (const x of [cg, simplex]) {
      expect(x).toMatchObject({ status: 'optimal' });
      expect(x.variables).toBeGreaterThan(1000);
      expect(x.constraints).toBeGreaterThan(500);
      expect(x.buildSeconds).toBeGreaterThan(0);
      expect(x.solveSeconds).toBeGreaterThan(0);
      expect(x.rssMB).toBeGreaterThan(20);
      // Two runs each; the figure reported is the faster.
      expect(x.solveRuns).toHaveLength(2);
      expect(x.solveSeconds).toBe(Math.min(...x.solveRuns!));
    }
    // Both HiGHS runs solve the same model; column generation must reach the whole LP's optimum.
    expect(cg.variables).toBe(simplex.variables);
    expect(cg.lateOrders!.length).toBeGreaterThan(0);
    expect(relativeGap(cg.objective!, simplex.objective!)).toBeLessThan(1e-6);
    // CBC reads the exported LP file (numbers written to 12 significant digits).
    if (cbc.status !== 'skipped') expect(relativeGap(cbc.objective!, simplex.objective!)).toBeLessThan(1e-6);
    expect(r.cli).toHaveLength(2);
    const [cli, without] = r.cli;
    expect(cli).toMatchObject({ label: 'CLI end to end', status: 'ok', solver: 'highs-columns', variables: cg.variables });
    expect(cli.seconds).toBeGreaterThan(cli.solveSeconds!);
    expect(cli.runs).toHaveLength(2);
    expect(cli.seconds).toBe(Math.min(...cli.runs!));
    expect(cli.rssMB).toBeGreaterThan(20);
    // The same plant with --no-schedule: the weekly allocation alone, for the schedule's share.
    expect(without).toMatchObject({ label: 'CLI without schedule', status: 'ok', solver: 'highs-columns', variables: cg.variables });
    // CPU time of every run of both, for the share's min and median; the reported one among them.
    for (const c of [cli, without]) {
      expect(c.cpuRuns).toHaveLength(2);
      expect(c.cpuRuns).toContain(c.cpuSeconds);
      for (const t of c.cpuRuns!) expect(t).toBeGreaterThan(0);
    }
    // The share inside the plan's process, one fresh process per run: the schedule phase's own
    // CPU seconds and the plan's without it (read, build, solve, extract, its sheets written).
    expect(r.scheduleShare).toHaveLength(2);
    for (const s of r.scheduleShare!) {
      expect(s.scheduleCpu).toBeGreaterThan(0);
      expect(s.scheduleWall).toBeGreaterThan(0);
      expect(Number.isFinite(s.writeCpu)).toBe(true);
      // the plan without the schedule includes a solve: more than scheduling it
      expect(s.planCpu).toBeGreaterThan(s.scheduleCpu);
      expect(s.planWall).toBeGreaterThan(s.scheduleWall);
    }
  }, 180_000); // three solves and two CLI processes: over a minute on a busy machine

  it('plans plants of other shapes to the same optimum as CBC', () => {
    const results = JSON.parse(bench(['--sizes', '20x4x8', '--cap', '30', '--runs', '1', '--backends', 'highs,cbc', '--shapes', 'standard,few-ops,shared-material,long-routings', '--no-cli', '--json'])) as SizeResult[];
    expect(results.map((r) => r.shape)).toEqual(['standard', 'few-ops', 'shared-material', 'long-routings']);
    const byShape = Object.fromEntries(results.map((r) => [r.shape, r]));
    for (const r of results) {
      const [cg] = r.runs;
      expect(cg).toMatchObject({ backend: 'highs', status: 'optimal' });
      const cbc = r.runs.find((x) => x.backend === 'cbc')!;
      if (cbc.status !== 'skipped') expect(relativeGap(cg.objective!, cbc.objective!)).toBeLessThan(1e-6);
    }
    // Fewer operations per order make fewer columns, longer routings more, than the standard shop.
    const cols = (s: string) => byShape[s].runs[0].variables!;
    expect(cols('few-ops')).toBeLessThan(cols('standard'));
    expect(cols('long-routings')).toBeGreaterThan(cols('standard'));
  });

  it('times each phase of a plan, and leaves out sizes over BENCH_MAX_ORDERS', () => {
    const runs = JSON.parse(bench(['--growth', '--sizes', '20x4x8', '--json'])) as PhaseRun[];
    expect(runs).toHaveLength(1);
    const [r] = runs;
    expect(r).toMatchObject({ orders: 20, status: 'optimal' });
    expect(Object.keys(r.seconds)).toEqual(['read', 'build', 'solve', 'extract', 'schedule', 'write']);
    for (const s of Object.values(r.seconds)) expect(s).toBeGreaterThan(0);
    // CPU seconds per phase too (the process's, every thread); the solve's are most of a plan's.
    expect(Object.keys(r.cpuSeconds)).toEqual(Object.keys(r.seconds));
    for (const s of Object.values(r.cpuSeconds)) expect(s).toBeGreaterThanOrEqual(0);
    expect(r.cpuSeconds.solve!).toBeGreaterThan(0);
    expect(r.peakMB).toBeGreaterThanOrEqual(Math.max(...Object.values(r.rssMB)));
    expect(r.planOnlyWrite).toBeUndefined(); // only when asked, for the schedule's share
    // BENCH_MAX_ORDERS leaves the big sizes out.
    const none = spawnSync(process.execPath, [join(ROOT, 'dist/bench.js'), '--growth', '--json'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, BENCH_MAX_ORDERS: '10' } });
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('reports a solve that outlives the cap as over cap instead of hanging, and prints a table', () => {
    // javascript-lp-solver needs far more than a second on this model (4,324 columns: fewer since the flow lags rule out weeks an operation cannot reach).
    const out = bench(['--sizes', '50x5x12', '--cap', '1', '--backends', 'jslp', '--shapes', 'standard', '--runs', '1', '--no-cli']);
    expect(out).toContain('50 orders × 5 work centers × 12 buckets (seed 1, cap 1 s)');
    expect(out).toMatch(/^backend\s+variables\s+constraints\s+build s\s+solve s\s+objective\s+gap\s+late\s+RSS MB/m);
    expect(out).toMatch(/^jslp\s+4,324\s+1,976\s+[\d.]+\s+over cap/m);
  });
});
