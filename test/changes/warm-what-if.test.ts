// A what-if's scenario starts from where its baseline's plan ended (its column-generation
// prices, schedules and basis), by default. It must be the plan of the edited book itself: the
// same objective, and the same finish, lateness and shortfall for every order as that book
// planned from scratch by a process that has planned nothing before, and the same Changes as a
// what-if planned from scratch. What makes this hold where several plans cost the same is the
// plan's tie-break (shared/plan/tie-break.ts): without it, on the generated 60 × 5 × 10 plant
// (seed 4) every one of these changes ended at another plan than a plan from scratch, with the
// same objective.
import { describe, expect, it } from 'vitest';
import { planWithChanges } from '../../shared/changes/run-changes';
import { applyWhatIf } from '../../shared/changes/what-if';
import type { Plant } from '../../shared/domain';
import { relativeGap } from '../../shared/lp/check';
import { buildPlanModel } from '../../shared/plan/build-model';
import { solveByColumns } from '../../shared/plan/decompose';
import { generatePlant } from '../../shared/plan/generate-plant';
import { solvePlan } from '../../shared/plan/solve-plan';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../../service/jobs/plan';
import { forgetPlans } from '../../service/jobs/plan-memo';
import { pickBackend } from '../../service/solvers/index';
import { highsIncremental } from '../../service/solvers/highs';
import { order, plantOf, records, wc } from '../plan/fixture';

const row = (c: Record<string, unknown>) => ({ Note: undefined, Item: undefined, Quantity: undefined, Date: undefined, Priority: undefined, row: 2, ...c }) as Plant['WhatIf'][number];
const finishes = (orders: { orderId: string; finishDate: string | null; daysLate: number | null; shortQty: number }[]) =>
  orders.map((o) => [o.orderId, o.finishDate, o.daysLate, o.shortQty]);
const opts = { clock: () => performance.now(), lang: 'en' as const, backend: (m: Parameters<typeof pickBackend>[1]) => pickBackend('highs', m) };

describe('a what-if started from its baseline is the plan of the edited book', () => {
  it('two equal orders competing for one week: the same one is late whichever row comes first', async () => {
    // ASSY 40 h a week, 1 h a unit; A and B each 30 due 01-09 at priority 3: 60 h of work due in
    // week 0's 40 h, so 20 units of one of them finish in week 1 either way (the same cost). The
    // tie-break (keyed by order id, not by row) picks the same order whichever row is first.
    const sheets = (orders: Record<string, unknown>[]) => ({
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [wc('ASSY', 8)],
      Orders: orders,
    });
    const a = order('A', 'FG', 30, '2026-01-09', 3);
    const b = order('B', 'FG', 30, '2026-01-09', 3);
    const late = async (orders: Record<string, unknown>[]) => {
      const out = await solvePlan(plantOf(records(sheets(orders))), { ...opts, schedule: false });
      return { late: out.json.orders.filter((o) => (o.daysLate ?? 0) > 0).map((o) => [o.orderId, o.daysLate]), objective: out.json.objective };
    };
    const ab = await late([a, b]);
    const ba = await late([b, a]);
    expect(ab.late).toHaveLength(1);
    expect(ba.late).toEqual(ab.late);
    // The objective is the plan's cost without the tie-break: 20 units 7 days late at 10 × weight 4
    // = 5,600, the same whichever order it is (plus the model's own earliness and WIP, nothing here).
    expect(ab.objective).toBeCloseTo(5600, 6);
    expect(ba.objective).toBeCloseTo(5600, 6);
  });

  it('on a plant worked by hand: a rush order delays A and B by a week, as planned from scratch', async () => {
    // ASSY 40 h a week, 1 h a unit (test/changes/what-if.test.ts works this plant out): A 30 due
    // 01-09 (priority 3), B 30 due 01-16 (priority 4), C 20 due 01-23 (priority 3). Rush R 30 due
    // 01-09 at priority 1 takes 30 of week 0's 40 h: A's last 20 units go to week 1, which then
    // has 50 h of work, so B's last 10 go to week 2 with C's 20 (30 h). R on time, A and B 7 days
    // late, C on time.
    const sheets = {
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [wc('ASSY', 8)],
      Orders: [order('A', 'FG', 30, '2026-01-09', 3), order('B', 'FG', 30, '2026-01-16', 4), order('C', 'FG', 20, '2026-01-23', 3)],
    };
    const rush = { Action: 'AddOrder', OrderId: 'R', Item: 'FG', Quantity: 30, Date: '2026-01-09', Priority: 1 };
    const book = plantOf(records({ ...sheets, WhatIf: [rush] }));
    const out = await planWithChanges(book, { ...opts, schedule: false }, {});
    // The baseline handed its schedules on: one per order, each the week it is done in.
    expect([...out.baseline!.warm!.schedules!.keys()].sort()).toEqual(['f|a', 'f|b', 'f|c']);
    const edited = plantOf(records({ ...sheets, Orders: [...sheets.Orders, order('R', 'FG', 30, '2026-01-09', 1, { Status: 'Approved' })] }));
    const cold = await solvePlan(edited, { ...opts, schedule: false });
    expect(relativeGap(out.json.objective, cold.json.objective)).toBeLessThan(1e-6);
    expect(finishes(out.json.orders)).toEqual(finishes(cold.json.orders));
    expect(out.json.orders.map((o) => [o.orderId, o.daysLate])).toEqual([
      ['A', 7],
      ['B', 7],
      ['C', 0],
      ['R', 0],
    ]);
  });

  // Generated plants: components, subcontracting, overtime, materials.
  const generated = (orders: number, workCenters: number, buckets: number, seed: number) => readPlant(recordsToRows(generatePlant({ orders, workCenters, buckets, seed })), 'plan').plant;
  const changesOf = (plant: Plant) => {
    const o = plant.Orders[7];
    return [
      row({ Action: 'AddOrder', OrderId: 'RUSH', Item: plant.Orders[0].Item, Quantity: 20, Date: plant.Orders[0].DueDate, Priority: 1 }),
      row({ Action: 'Cancel', OrderId: o.OrderId }),
      row({ Action: 'DueDate', OrderId: o.OrderId, Date: o.ReleaseDate ?? plant.settings.PlanStart }),
    ];
  };

  it('on generated plants, in the service job: five kinds of change, each the edited book planned, with the Changes of a what-if from scratch', async () => {
    const plant = generated(60, 5, 10, 4);
    const job = { lang: 'en' as const, solver: 'highs' as const };
    // Seed 3's rush order ended at another plan while column generation's pricing tolerance was
    // relative to the schedule's cost (decompose.ts PRICE_TOL).
    const seed3 = generated(60, 5, 10, 3);
    const five = [
      ...changesOf(plant),
      row({ Action: 'Quantity', OrderId: plant.Orders[3].OrderId, Quantity: plant.Orders[3].Quantity * 2 }),
      row({ Action: 'Priority', OrderId: plant.Orders[5].OrderId, Priority: 1 }),
    ];
    const changes: [Plant, Plant['WhatIf'][number]][] = [[seed3, changesOf(seed3)[0]], ...five.map((c): [Plant, Plant['WhatIf'][number]] => [plant, c])];
    for (const [plant, c] of changes) {
      forgetPlans();
      await runPlan(plant, { ...job, rememberPlans: true }); // the planner plans, then asks
      const whatIf = await runPlan({ ...plant, WhatIf: [c] }, { ...job, rememberPlans: true });
      const fromScratch = await runPlan({ ...plant, WhatIf: [c] }, { ...job, rememberPlans: true, warmStart: false });
      forgetPlans();
      const cold = await runPlan(applyWhatIf({ ...plant, WhatIf: [c] }, {}).scenario, job);
      expect(relativeGap(whatIf.json.objective, cold.json.objective), c.Action).toBeLessThan(1e-9);
      expect(finishes(whatIf.json.orders), c.Action).toEqual(finishes(cold.json.orders));
      // The Changes (orders moved, load, purchases, costs) as from scratch, less the timing.
      const { baseline: _b, steps: _s, ...warmChanges } = whatIf.json.changes!;
      const { baseline: _b2, steps: _s2, ...coldChanges } = fromScratch.json.changes!;
      expect(warmChanges, c.Action).toEqual(coldChanges);
    }
  });

  it('starts the scenario from the baseline: the same optimum in fewer simplex iterations', async () => {
    const plant = generated(60, 5, 10, 4);
    const clock = () => performance.now();
    const base = await solveByColumns(buildPlanModel(plant), highsIncremental, { clock, timeLimitSeconds: 60 });
    expect(base.status).toBe('optimal');
    for (const c of changesOf(plant)) {
      const pm = buildPlanModel(applyWhatIf({ ...plant, WhatIf: [c] }, {}).scenario);
      const cold = await solveByColumns(pm, highsIncremental, { clock, timeLimitSeconds: 60 });
      const warm = await solveByColumns(pm, highsIncremental, { clock, timeLimitSeconds: 60, warm: base.prices, carry: base.schedules, basis: base.basis });
      expect(relativeGap(warm.objective, cold.objective), c.Action).toBeLessThan(1e-6);
      expect(warm.iterations, c.Action).toBeLessThan(cold.iterations / 2);
    }
  });
});
