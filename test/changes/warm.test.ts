// Warm start: a changed plant's plan started from its baseline's prices reaches the same optimum
// as one planned from scratch (column generation is exact from any start), and a service worker
// reuses the plan it just made as a what-if's baseline.
import { describe, expect, it } from 'vitest';
import { applyWhatIf } from '../../shared/changes/what-if';
import { relativeGap } from '../../shared/lp/check';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { generatePlant } from '../../shared/plan/generate-plant';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../../service/jobs/plan';
import { planWithChanges } from '../../shared/changes/run-changes';
import type { PlanOutcome } from '../../shared/plan/solve-plan';
import type { LpModel } from '../../shared/lp/model';
import { pickBackend } from '../../service/solvers/index';
import { highsIncremental } from '../../service/solvers/highs';

const plant = readPlant(recordsToRows(generatePlant({ orders: 60, workCenters: 5, buckets: 10, seed: 4 })), 'plan').plant;
const row = (c: Record<string, unknown>) => ({ Note: undefined, Item: undefined, Quantity: undefined, Date: undefined, Priority: undefined, row: 2, ...c }) as never;

describe('what-if warm start', () => {
  it('reaches the same optimum from the baseline prices for a rush order, a cancellation and a due date', async () => {
    const base = await solveByColumns(buildPlanModel(plant), highsIncremental, { clock: () => performance.now(), timeLimitSeconds: 60 });
    expect(base.status).toBe('optimal');
    expect(base.prices!.size).toBeGreaterThan(0);
    const o = plant.Orders[7];
    for (const c of [
      { Action: 'AddOrder', OrderId: 'RUSH', Item: plant.Orders[0].Item, Quantity: 20, Date: plant.Orders[0].DueDate, Priority: 1 },
      { Action: 'Cancel', OrderId: o.OrderId },
      { Action: 'DueDate', OrderId: o.OrderId, Date: o.ReleaseDate ?? plant.settings.PlanStart },
    ]) {
      const { scenario, problems } = applyWhatIf(plant, { changes: [row(c)] });
      expect(problems).toEqual([]);
      const pm = buildPlanModel(scenario);
      const cold = await solveByColumns(pm, highsIncremental, { clock: () => performance.now(), timeLimitSeconds: 60 });
      const warm = await solveByColumns(pm, highsIncremental, { clock: () => performance.now(), timeLimitSeconds: 60, warm: base.prices });
      expect([cold.status, warm.status]).toEqual(['optimal', 'optimal']);
      expect(relativeGap(warm.objective, cold.objective), String(c.Action)).toBeLessThan(1e-6);
    }
  });

  it('a worker that just planned the book takes that plan as the what-if baseline', async () => {
    const opts = { lang: 'en' as const, solver: 'highs' as const, rememberPlans: true };
    const plain = await runPlan(plant, opts);
    const whatIf = await runPlan({ ...plant, WhatIf: [row({ Action: 'Cancel', OrderId: plant.Orders[3].OrderId })] }, opts);
    const changes = whatIf.json.changes as { baseline: { objective: number }; steps: { step: number; seconds: number }[] };
    expect(changes.baseline.objective).toBe(plain.json.objective);
    expect(changes.steps[0].seconds).toBeLessThan(0.05); // remembered, not planned again
    const warm = await runPlan({ ...plant, WhatIf: [row({ Action: 'Cancel', OrderId: plant.Orders[3].OrderId })] }, { ...opts, warmStart: true });
    expect(relativeGap(warm.json.objective as number, whatIf.json.objective as number)).toBeLessThan(1e-6);
  });

  it('remembers a plan without its sheets and day-by-day schedule, and a what-if from it answers as one planned in full', async () => {
    const kept = new Map<string, PlanOutcome>();
    const memo = { get: () => kept.get('book'), set: (_: unknown, o: PlanOutcome) => void kept.set('book', o) };
    const opts = { lang: 'en' as const, clock: () => performance.now(), backend: (m: LpModel) => pickBackend('highs', m, {}) };
    const plan = await planWithChanges(plant, opts, { memo });
    const remembered = kept.get('book')!;
    // What the worker keeps: the answer and the warm start; not the 25 MB of rows a GC would mark.
    expect(plan.plan.schedule).toBeDefined();
    expect(plan.sheets.length).toBeGreaterThan(0);
    expect([remembered.sheets, remembered.schedule]).toEqual([[], undefined]);
    expect(remembered.json).toBe(plan.plan.json);
    expect(remembered.warm).toBe(plan.plan.warm);
    const book = { ...plant, WhatIf: [row({ Action: 'Cancel', OrderId: plant.Orders[3].OrderId })] };
    const fromMemo = await planWithChanges(book, opts, { memo });
    const planned = await planWithChanges(book, opts, {});
    expect(fromMemo.json.changes).toEqual({ ...planned.json.changes, baseline: fromMemo.json.changes!.baseline, steps: fromMemo.json.changes!.steps });
    expect(fromMemo.sheets.map((x) => x.rows)).toEqual(planned.sheets.map((x) => x.rows));
  });
});
