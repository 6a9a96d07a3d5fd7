// Every backend on LPs solved by hand, on seeded random capacity LPs (all must agree), and on
// time limits. glpsol runs wherever it is installed and must be installed on CI; cbc is optional.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeGap, violationTolerance } from '../../shared/lp/check';
import { solveJslp } from '../../service/solvers/jslp';
import { toLpFile } from '../../shared/lp/lp-file';
import { LpBuilder, maxViolation, type LpModel, type LpSolution, type SolverBackend } from '../../shared/lp/model';
import { highsIncremental, highsMemoryBytes, solveHighs, warmHighs } from '../../service/solvers/highs';
import { pickBackend } from '../../service/solvers/index';
import { lpFileBackend, onPath } from '../../service/solvers/lp-file-solver';
import { capacityLp } from '../../service/solvers/capacity-lp';

const onCi = !!process.env.CI && process.env.CI !== 'false';
const haveGlpsol = onPath('glpsol');
const haveCbc = onPath('cbc');

const backends: { name: string; backend: SolverBackend; run: boolean }[] = [
  { name: 'jslp', backend: { name: 'jslp', solve: async (m, o) => solveJslp(m, o) }, run: true },
  { name: 'highs-ipm', backend: { name: 'highs', solve: (m, o) => solveHighs(m, o, 'ipm') }, run: true },
  { name: 'highs-simplex', backend: { name: 'highs', solve: (m, o) => solveHighs(m, o, 'simplex') }, run: true },
  // On CI a missing glpsol must fail the run, so it is never skipped there.
  { name: 'glpk', backend: lpFileBackend('glpk'), run: haveGlpsol || onCi },
  { name: 'cbc', backend: lpFileBackend('cbc'), run: haveCbc },
];
const limit = { timeLimitSeconds: 30 };

/** Wyndor Glass: max 3x + 5y s.t. x ≤ 4 (a bound), 2y ≤ 12, 3x + 2y ≤ 18. */
function productionMix(): LpModel {
  const b = new LpBuilder();
  const x = b.addVar('doors', -3, 4); // minimise −profit
  const y = b.addVar('windows', -5);
  b.addRow('plant2_hours', [y], [2], -Infinity, 12);
  b.addRow('plant3_hours', [x, y], [3, 2], -Infinity, 18);
  return b.build();
}

/** x + y ≥ 5 and x + y ≤ 3 cannot both hold. */
function infeasible(): LpModel {
  const b = new LpBuilder();
  const x = b.addVar('x', 1);
  const y = b.addVar('y', 1);
  b.addRow('at_least_5', [x, y], [1, 1], 5, Infinity);
  b.addRow('at_most_3', [x, y], [1, 1], -Infinity, 3);
  return b.build();
}

/** min −x s.t. x − y ≥ 1: x can grow without limit (with y = 0). */
function unbounded(): LpModel {
  const b = new LpBuilder();
  const x = b.addVar('x', -1);
  const y = b.addVar('y', 0);
  b.addRow('gap', [x, y], [1, -1], 1, Infinity);
  return b.build();
}

/**
 * min x + 2y + 3z s.t. x + y + z = 10 (equality), 2 ≤ y − z ≤ 4 (range), x ≤ 3 (bound), and a
 * free row "report" x − y that must not constrain anything.
 */
function rangesAndEqualities(): LpModel {
  const b = new LpBuilder();
  const x = b.addVar('x', 1, 3);
  const y = b.addVar('y', 2);
  const z = b.addVar('z', 3);
  b.addRow('total', [x, y, z], [1, 1, 1], 10, 10);
  b.addRow('spread', [y, z], [1, -1], 2, 4);
  b.addRow('report', [x, y], [1, -1], -Infinity, Infinity);
  return b.build();
}

describe.each(backends.filter((b) => b.run))('$name on LPs solved by hand', ({ backend }) => {
  it('production mix: doors = 2, windows = 6, profit 36', async () => {
    // Vertex check: x = 4 gives 2y ≤ 6, y = 3, profit 27; y = 6 (plant 2 full) gives 3x ≤ 6, x = 2,
    // profit 3·2 + 5·6 = 36; at (0, 6) profit 30. Best: (2, 6), objective −36.
    const s = await backend.solve(productionMix(), limit);
    expect(s.status).toBe('optimal');
    expect(s.objective).toBeCloseTo(-36, 6);
    expect(s.values[0]).toBeCloseTo(2, 6);
    expect(s.values[1]).toBeCloseTo(6, 6);
  });

  it('infeasible rows give status infeasible, not a point', async () => {
    const s = await backend.solve(infeasible(), limit);
    expect(s.status).toBe('infeasible');
    expect(s.objective).toBeNaN();
  });

  it('an unbounded objective gives status unbounded', async () => {
    const s = await backend.solve(unbounded(), limit);
    expect(s.status).toBe('unbounded');
  });

  it('equality, range, column bound and free row: x = 3, y = 5.5, z = 1.5, cost 18.5', async () => {
    // x is cheapest, so x = 3 (its bound); then y + z = 7 and cost 2y + 3(7 − y) = 21 − y wants y
    // large, capped by y − z = 2y − 7 ≤ 4 → y = 5.5, z = 1.5 (y − z = 4 ≥ 2 holds).
    // Cost 3 + 11 + 4.5 = 18.5. The free row x − y = −2.5 would break "report ≥ 0" or "= 0".
    const s = await backend.solve(rangesAndEqualities(), limit);
    expect(s.status).toBe('optimal');
    expect(s.objective).toBeCloseTo(18.5, 6);
    expect(Array.from(s.values).map((v) => +v.toFixed(6))).toEqual([3, 5.5, 1.5]);
  });
});

describe('backends agree on seeded random capacity LPs', () => {
  // A few hundred columns each: within javascript-lp-solver's comfortable range.
  const cases = [
    { seed: 1, orders: 30, wcs: 3, buckets: 12, ops: 1 },
    { seed: 2, orders: 25, wcs: 4, buckets: 10, ops: 2 },
    { seed: 3, orders: 18, wcs: 3, buckets: 12, ops: 3 },
  ];
  it.each(cases)('seed $seed: $orders orders × $wcs work centers × $buckets buckets, ≤ $ops ops', async (c) => {
    const m = capacityLp(c.seed, c.orders, c.wcs, c.buckets, c.ops);
    expect(m.colCost.length).toBeGreaterThan(200);
    expect(m.colCost.length).toBeLessThan(700);
    const results: [string, LpSolution][] = [];
    for (const { name, backend, run } of backends) if (run) results.push([name, await backend.solve(m, limit)]);
    const reference = results.find(([n]) => n === 'highs-ipm')![1];
    expect(reference.status).toBe('optimal');
    for (const [name, s] of results) {
      expect({ name, status: s.status, message: s.message }).toEqual({ name, status: 'optimal', message: undefined });
      expect(maxViolation(m, s.values)).toBeLessThanOrEqual(violationTolerance(m));
      expect({ name, gap: relativeGap(s.objective, reference.objective) <= 1e-6 }).toEqual({ name, gap: true });
    }
  });
});

describe.runIf(haveGlpsol || onCi)('the exported LP file, solved by glpsol itself', () => {
  it('glpsol is installed (required on CI, where .ci/run installs glpk-utils)', () => {
    expect(haveGlpsol).toBe(true);
  });

  it('reaches the objective HiGHS finds on the model (read from glpsol’s own report)', async () => {
    const m = capacityLp(5, 40, 4, 12, 2);
    const dir = mkdtempSync(join(tmpdir(), 'lp-test-'));
    try {
      writeFileSync(join(dir, 'plan.lp'), toLpFile(m));
      execFileSync('glpsol', ['--lp', join(dir, 'plan.lp'), '-o', join(dir, 'out.txt')], { stdio: 'pipe' });
      const report = readFileSync(join(dir, 'out.txt'), 'utf8');
      expect(report).toMatch(/Status:\s+OPTIMAL/);
      const glpsolObjective = Number(/Objective:\s+obj = (\S+)/.exec(report)![1]);
      const h = await solveHighs(m, limit);
      expect(h.status).toBe('optimal');
      // glpsol prints the objective to 10 significant digits
      expect(relativeGap(glpsolObjective, h.objective)).toBeLessThan(1e-8);
      expect(h.objective).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at its time limit and reports timeLimit', async () => {
    const m = capacityLp(7, 1000, 20, 26, 3); // ~40,000 columns: glpsol needs ~30 s without presolve
    const s = await lpFileBackend('glpk').solve(m, { timeLimitSeconds: 1 });
    expect(s.status).toBe('timeLimit');
    expect(s.seconds).toBeLessThan(10);
  });
});

describe('time limits', () => {
  it('javascript-lp-solver is stopped at its limit and says timeLimit, not optimal', () => {
    // 9,000 columns with two-operation routings take it ~30 s here; the limit is 0.2 s.
    const m = capacityLp(7, 300, 10, 26, 2);
    const s = solveJslp(m, { timeLimitSeconds: 0.2 });
    expect(s.status).toBe('timeLimit');
    expect(s.seconds).toBeLessThan(2);
    expect(s.message).toMatch(/time limit/);
  });

  it('HiGHS stops at its limit with either method and says timeLimit', async () => {
    const m = capacityLp(7, 300, 10, 26, 3); // ~12,000 columns: about a second with either method
    for (const method of ['ipm', 'simplex'] as const) {
      const s = await solveHighs(m, { timeLimitSeconds: 0.05 }, method);
      expect({ method, status: s.status }).toEqual({ method, status: 'timeLimit' });
      expect(s.seconds).toBeLessThan(1);
    }
  });
});

describe('HiGHS module lifetime', () => {
  it('warms once, and disposing every model keeps Wasm memory from growing over repeated solves', async () => {
    await warmHighs();
    const m = capacityLp(9, 200, 8, 20, 1); // ~3,000 columns
    const first = await solveHighs(m, limit, 'simplex');
    expect(first.status).toBe('optimal');
    const before = await highsMemoryBytes();
    for (let k = 0; k < 8; k++) expect((await solveHighs(m, limit, 'simplex')).objective).toBe(first.objective);
    expect(await highsMemoryBytes()).toBe(before);
  });
});

describe('pickBackend', () => {
  it('auto gives javascript-lp-solver up to 300 columns and HiGHS above', () => {
    const model = (n: number) => {
      const b = new LpBuilder();
      for (let j = 0; j < n; j++) b.addVar(`x${j}`, 1);
      return b.build();
    };
    expect(pickBackend('auto', model(300)).name).toBe('jslp');
    expect(pickBackend('auto', model(301)).name).toBe('highs');
    expect(pickBackend('highs', model(3)).name).toBe('highs');
    // Forced, javascript-lp-solver takes models up to 3000 columns; above that it is refused at once.
    expect(pickBackend('jslp', model(3000)).name).toBe('jslp');
    expect(() => pickBackend('jslp', model(5000))).toThrow(/takes up to 3000/);
    expect(pickBackend('glpk', model(3)).name).toBe('glpk');
    expect(pickBackend('cbc', model(3)).name).toBe('cbc');
  });

  it('a forced backend solves: HiGHS through pickBackend on the production mix', async () => {
    const s = await pickBackend('highs', productionMix()).solve(productionMix(), limit);
    expect(s.objective).toBeCloseTo(-36, 6);
  });
});

describe('HiGHS kept between solves (column generation)', () => {
  it('re-solves from its basis after columns are added, with duals that price the new ones', async () => {
    // min −x − 2y s.t. r0: x + y ≤ 4, r1: x + 3y ≤ 6, x, y ≥ 0, starting with x alone.
    // x alone: x = 4 (r0 full), objective −4; duals from x basic: −1 = y0 + y1 with r1 slack → y0 = −1, y1 = 0.
    // y's reduced cost then −2 − (1·(−1) + 3·0) = −1 < 0: it enters. With y: the vertex x + y = 4,
    // x + 3y = 6 → (3, 1), objective −5; duals from −1 = y0 + y1, −2 = y0 + 3·y1 → y1 = −0.5, y0 = −0.5.
    const b = new LpBuilder();
    const x = b.addVar('x', -1);
    b.addRow('r0', [x], [1], -Infinity, 4);
    b.addRow('r1', [x], [1], -Infinity, 6);
    const inc = await highsIncremental(b.build());
    try {
      const first = inc.solve(10);
      expect(first.status).toBe('optimal');
      expect(first.objective).toBeCloseTo(-4, 9);
      expect([...first.rowDual].map((v) => v + 0)).toEqual([-1, 0]);
      inc.addColumns({ cost: Float64Array.of(-2), upper: Float64Array.of(Infinity), starts: Int32Array.of(0, 2), index: Int32Array.of(0, 1), value: Float64Array.of(1, 3) });
      for (const primal of [true, false]) {
        const s = inc.solve(10, primal);
        expect(s.status).toBe('optimal');
        expect(s.objective).toBeCloseTo(-5, 9);
        expect([...s.colValue].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([3, 1]);
        expect([...s.rowDual].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-0.5, -0.5]);
      }
    } finally {
      inc.dispose();
    }
  });
});
