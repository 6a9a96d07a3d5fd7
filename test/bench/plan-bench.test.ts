// `npm run bench` (service/bench/plan-bench.ts, built to dist/bench.js by `npm test`) on the
// smallest size only: the benchmark itself is not a test, this checks it runs and reports.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    const results = JSON.parse(bench(['--sizes', '50x5x12', '--cap', '30', '--backends', 'highs,highs-simplex,cbc', '--json'])) as SizeResult[];
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r.size).toEqual({ orders: 50, workCenters: 5, buckets: 12 });
    expect(r.runs.map((x) => x.backend)).toEqual(['highs', 'highs-simplex', 'cbc']);
    const [cg, simplex, cbc] = r.runs;
    for (const x of [cg, simplex]) {
      expect(x).toMatchObject({ status: 'optimal' });
      expect(x.variables).toBeGreaterThan(1000);
      expect(x.constraints).toBeGreaterThan(500);
      expect(x.buildSeconds).toBeGreaterThan(0);
      expect(x.solveSeconds).toBeGreaterThan(0);
      expect(x.rssMB).toBeGreaterThan(20);
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
    expect(cli.rssMB).toBeGreaterThan(20);
    // The same plant with --no-schedule: the weekly allocation alone, for the schedule's share.
    expect(without).toMatchObject({ label: 'CLI without schedule', status: 'ok', solver: 'highs-columns', variables: cg.variables });
  }, 180_000); // three solves and two CLI processes: over a minute on a busy machine

  it('reports a solve that outlives the cap as over cap instead of hanging, and prints a table', () => {
    // javascript-lp-solver needs far more than a second on this model (4,324 columns: fewer since the flow lags rule out weeks an operation cannot reach).
    const out = bench(['--sizes', '50x5x12', '--cap', '1', '--backends', 'jslp', '--no-cli']);
    expect(out).toContain('50 orders × 5 work centers × 12 buckets (seed 1, cap 1 s)');
    expect(out).toMatch(/^backend\s+variables\s+constraints\s+build s\s+solve s\s+objective\s+gap\s+late\s+RSS MB/m);
    expect(out).toMatch(/^jslp\s+4,324\s+1,976\s+[\d.]+\s+over cap/m);
  });
});
