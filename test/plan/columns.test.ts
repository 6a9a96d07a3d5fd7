// Column generation (shared/plan/decompose.ts) must reach the optimum of the whole plan LP:
// the same objective (relative gap ≤ 1e-6) as HiGHS on the whole LP and, where the model is
// small enough, as javascript-lp-solver — on generated plants with multi-level BOMs,
// subcontracting, overtime, shared materials, a holiday, and with time-phased buckets.
import { describe, expect, it } from 'vitest';
import { relativeGap } from '../../shared/lp/check';
import { jslpBackend } from '../../service/solvers/jslp';
import { maxViolation } from '../../shared/lp/model';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { generatePlant } from '../../shared/plan/generate-plant';
import { solvePlan } from '../../shared/plan/solve-plan';
import { highsBackend, highsIncremental, solveHighs } from '../../service/solvers/highs';
import { plantOf } from './fixture';

const generated = (orders: number, workCenters: number, buckets: number, seed: number) => plantOf(generatePlant({ orders, workCenters, buckets, seed }));

describe('column generation', () => {
  it.each([
    [12, 3, 6, 1],
    [12, 3, 6, 2],
    [30, 4, 8, 3],
    [60, 5, 10, 4],
  ])('reaches the whole LP’s optimum on a generated plant of %i orders × %i work centers × %i weeks (seed %i)', async (o, w, t, seed) => {
    const pm = buildPlanModel(generated(o, w, t, seed));
    const whole = await solveHighs(pm.lp, { timeLimitSeconds: 60 }, 'simplex');
    const cg = await solveByColumns(pm, highsIncremental, { timeLimitSeconds: 60, clock: () => performance.now() });
    expect(whole.status).toBe('optimal');
    expect(cg.status).toBe('optimal');
    expect(relativeGap(cg.objective, whole.objective)).toBeLessThan(1e-6);
    // Mapped back onto the whole model's columns, the plan is feasible and costs what the master said.
    expect(maxViolation(pm.lp, cg.values)).toBeLessThan(1e-6);
    expect(relativeGap(pm.lp.colCost.reduce((s, c, j) => s + c * cg.values[j], 0), cg.objective)).toBeLessThan(1e-9);
  });

  it('agrees with javascript-lp-solver on a plant small enough for it, and uses subcontracting, overtime and BOM components', async () => {
    const plant = generated(8, 3, 5, 1);
    const names = buildPlanModel(plant).lp.colNames;
    for (const kind of [/^y_/, /^ot_/, /_from_/, /^buy_/]) expect(names.some((n) => kind.test(n)), String(kind)).toBe(true);
    const cg = await solvePlan(plant, { clock: () => performance.now(), lang: 'en', backend: () => highsBackend('simplex') });
    const js = await solvePlan(plant, { clock: () => performance.now(), lang: 'en', backend: () => jslpBackend, timeLimitSeconds: 60 });
    expect(cg.stats.solver).toBe('highs-columns');
    expect(js.stats.solver).toBe('jslp');
    expect(relativeGap(cg.json.objective as number, js.json.objective as number)).toBeLessThan(1e-6);
  });

  it('reaches the same optimum with time-phased buckets', async () => {
    const plant = generated(40, 4, 12, 5);
    const opts = { clock: () => performance.now(), lang: 'en' as const, phasing: { fineBuckets: 4 }, backend: () => highsBackend('simplex') };
    const cg = await solvePlan(plant, opts);
    const whole = await solvePlan(plant, { ...opts, wholeLp: true });
    expect(whole.stats.solver).toBe('highs-simplex');
    expect(relativeGap(cg.json.objective as number, whole.json.objective as number)).toBeLessThan(1e-6);
    expect(cg.result.orders.map((o) => o.daysLate)).toEqual(whole.result.orders.map((o) => o.daysLate));
  });
});
