// Inputs with nothing to plan, orders that cannot be planned, limits, and the due-date rule.
import { describe, expect, it } from 'vitest';
import { jslpBackend } from '../../service/solvers/jslp';
import { bucketsOf } from '../../shared/plan/buckets';
import { workCenterCapacity } from '../../shared/plan/capacity';
import { generatePlant } from '../../shared/plan/generate-plant';
import { solvePlan } from '../../shared/plan/solve-plan';
import { SolveError } from '../../shared/problems';
import { recordsToRows } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { runPlan } from '../../service/jobs/plan';
import { order, orderOf, plan, plantOf, records, wc } from './fixture';

const base = (orders: Record<string, unknown>[], extra: Record<string, Record<string, unknown>[]> = {}) =>
  records({
    Items: [{ ItemId: 'FG', Type: 'Make' }],
    Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
    WorkCenters: [wc('ASSY', 8)],
    Orders: orders,
    ...extra,
  });

describe('nothing to plan', () => {
  it('answers an empty Orders sheet with a clear message and empty sheets, without a solver', async () => {
    const { json, sheets } = await plan(base([]));
    expect(json).toMatchObject({ status: 'empty', message: 'no orders to plan: none is Approved or InProduction within the plan horizon', objective: 0, orders: [] });
    expect(json.solver).toEqual({ name: 'none', seconds: 0, variables: 0, constraints: 0 });
    expect(sheets.map((s) => s.name)).toEqual(['Plan', 'Load', 'Materials', 'Exceptions']);
    // Capacity is still reported: 4 weeks × 40 h, nothing loaded.
    expect((json.load as unknown[]).length).toBe(4);
  });

  it('leaves Draft, Cancelled, Delivered and Completed orders out, and plans drafts only when asked', async () => {
    const statuses = ['Draft', 'Cancelled', 'Delivered', 'Completed'];
    const book = base(statuses.map((Status, i) => order(`O${i}`, 'FG', 10, '2026-01-09', 3, { Status })));
    const { json } = await plan(book);
    expect(json.status).toBe('empty');
    const drafts = await plan(book, { includeDrafts: true });
    expect(drafts.json.status).toBe('optimal');
    expect((drafts.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual(['O0']);
  });

  it('in Chinese too', async () => {
    const { json } = await plan(base([]), { lang: 'zh' });
    expect(json.message).toBe('没有可排产的订单（状态为已审批或生产中、且在计划期内的订单）');
  });
});

describe('orders that cannot be planned', () => {
  // Horizon: 4 weeks, 01-05 … 02-01.
  it('reports an order released after the horizon as unable to start, and one due after it as for a later run', async () => {
    const { json, result } = await plan(
      base([
        order('LATE-RELEASE', 'FG', 5, '2026-03-06', 3, { ReleaseDate: '2026-03-02' }),
        order('FAR', 'FG', 5, '2026-02-20'),
        order('OK', 'FG', 5, '2026-01-09'),
      ]),
    );
    expect(json.status).toBe('optimal');
    expect(orderOf(result, 'LATE-RELEASE')).toMatchObject({ state: 'notPlanned', shortQty: 5, finishDate: null, daysLate: null });
    expect(orderOf(result, 'FAR')).toMatchObject({ state: 'notPlanned', shortQty: 0, finishDate: null });
    expect(orderOf(result, 'OK')).toMatchObject({ state: 'onTime', finishDate: '2026-01-11' });
    const ex = (id: string) => result.exceptions.find((e) => e.subject === id)!;
    expect(ex('LATE-RELEASE')).toMatchObject({ type: 'cannotStart', severity: 'warning' });
    expect(ex('LATE-RELEASE').message.en).toBe('LATE-RELEASE: released on 2026-03-02, after the plan horizon: it cannot start in this plan');
    expect(ex('FAR')).toMatchObject({ type: 'beyondHorizon', severity: 'info' });
  });

  it('leaves an order short, with the reason, when its material cannot arrive within the horizon', async () => {
    // RM: nothing on hand, no open PO, 60 days' lead time > 28 days of horizon. The order is in
    // the plan with all 7 units short and no variables at all.
    const book = base([order('NO-MAT', 'FG', 7, '2026-01-23')], {
      Items: [
        { ItemId: 'FG', Type: 'Make' },
        { ItemId: 'RM', Type: 'Buy', LeadTimeDays: 60 },
      ],
      BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 1 }],
    });
    const { json, result } = await plan(book);
    expect(json.status).toBe('optimal');
    expect((json.solver as { variables: number }).variables).toBe(0);
    const o = orderOf(result, 'NO-MAT');
    expect(o).toMatchObject({ state: 'short', shortQty: 7, finishDate: null });
    expect(o.lateBecause!.en).toBe('material RM cannot arrive within the horizon (no usable stock or open PO; purchase lead time 60 days)');
    expect(result.exceptions.find((e) => e.subject === 'NO-MAT')).toMatchObject({ type: 'cannotFinish', severity: 'error' });
  });

  it('plans an order for a bought item from its stock (a trading good needs no work)', async () => {
    // RM: 10 on hand, the order takes 3 in its due week (bucket 0, ends 01-11): on time, no work.
    const book = base([order('RESALE', 'RM', 3, '2026-01-09')], {
      Items: [
        { ItemId: 'FG', Type: 'Make' },
        { ItemId: 'RM', Type: 'Buy', OnHand: 10 },
      ],
    });
    const { result } = await plan(book);
    expect(orderOf(result, 'RESALE')).toMatchObject({ state: 'onTime', finishDate: '2026-01-11', daysLate: 0, shortQty: 0, lateBecause: null });
    expect(result.exceptions.filter((e) => e.subject === 'RESALE')).toEqual([]);
    expect(result.materials.filter((m) => m.item === 'RM').map((m) => [m.requirement, m.projectedOnHand])).toEqual([[3, 7], [0, 7], [0, 7], [0, 7]]);
  });

  it('makes no columns for finishing so late that leaving the unit short is cheaper', async () => {
    // ShortPenaltyPerUnit 150 × weight 4 (priority 3) = 600 a unit short. Lateness a unit:
    // 4 × 10 × 7 = 280 a week late, so one week (280) and two (560) are worth it, three (840) not:
    // no column for week 3. 200 units, 40 h a week: 40 on time, 40 a week late, 40 two weeks late,
    // 80 short: 40 × 280 + 40 × 560 + 80 × 600 = 11,200 + 22,400 + 48,000 = 81,600. Columns:
    // x in weeks 0–2 and short = 4 (5 without the trim); the optimum is the same either way, as
    // javascript-lp-solver confirms in plan().
    const { json, result, stats } = await plan({ ...base([order('BIG', 'FG', 200, '2026-01-09')]), settings: { ...base([]).settings, ShortPenaltyPerUnit: 150 } });
    expect(json.objective).toBeCloseTo(81600, 6);
    expect(stats.variables).toBe(4);
    expect(orderOf(result, 'BIG')).toMatchObject({ state: 'short', shortQty: 80, finishDate: '2026-01-25', daysLate: 14 });
  });

  it('leaves units short when even late they cannot be made, at a penalty above any lateness', async () => {
    // 200 units × 1 h, 4 weeks × 40 h = 160 h: 160 made (40 a week, the last 120 late), 40 short.
    const { result } = await plan(base([order('BIG', 'FG', 200, '2026-01-09')]));
    const o = orderOf(result, 'BIG');
    expect(o).toMatchObject({ state: 'short', shortQty: 40, finishDate: '2026-02-01', daysLate: 21 });
    expect(o.lateBecause!.en).toContain('work center ASSY full');
    expect(result.exceptions.find((e) => e.subject === 'BIG')?.message.en).toMatch(/^BIG: 40 of 200 not finished within the horizon — work center ASSY full/);
  });
});

describe('the due-date rule', () => {
  // Finishing in the bucket that contains the due date is on time; finishDate is that bucket's
  // last day; daysLate = (finish bucket − due bucket) × 7.
  it('counts a due date on the bucket’s last day as on time and the next Monday as a new bucket', async () => {
    // 40 h/week. SUN (due Sunday 01-11, bucket 0) and MON (due Monday 01-12, bucket 1), both 40
    // units, same priority. Both can be on time: SUN in week 0, MON in week 1. Objective 0.
    const { json, result } = await plan(base([order('SUN', 'FG', 40, '2026-01-11'), order('MON', 'FG', 40, '2026-01-12')]));
    expect(json.objective).toBeCloseTo(0, 9);
    expect(orderOf(result, 'SUN')).toMatchObject({ finishDate: '2026-01-11', daysLate: 0 });
    expect(orderOf(result, 'MON')).toMatchObject({ finishDate: '2026-01-18', daysLate: 0 });
  });

  it('counts days late in whole buckets of BucketDays', async () => {
    // 3-day buckets from 01-05: 01-05…07, 01-08…10, 01-11…13. ASSY works Mon–Fri 8 h:
    // bucket 0 = 24 h, bucket 1 = 16 h (Thu, Fri). 40 units due 01-06 (bucket 0): 24 on time,
    // 16 in bucket 1 → finish 01-10, 3 days late.
    const { result } = await plan(records({ ...base([order('B3', 'FG', 40, '2026-01-06')]).sheets }, { BucketDays: 3, HorizonBuckets: 5 }));
    expect(orderOf(result, 'B3')).toMatchObject({ finishDate: '2026-01-10', daysLate: 3 });
  });
});

describe('past-due orders', () => {
  it('counts an order due before PlanStart late from its due bucket, and says it cannot be on time', async () => {
    // Due Friday 2026-01-02, in the bucket before PlanStart (−1). Finishing in bucket 0 is
    // (0 − (−1)) × 7 = 7 days late; 10 units × 7 × 10 × weight 4 = 2,800.
    const { json, result } = await plan(base([order('PAST', 'FG', 10, '2026-01-02', 3, { Status: 'InProduction', ReleaseDate: '2025-12-15' })]));
    expect(json.objective).toBeCloseTo(2800, 6);
    expect(orderOf(result, 'PAST')).toMatchObject({ finishDate: '2026-01-11', daysLate: 7 });
    expect(orderOf(result, 'PAST').lateBecause!.en).toBe('due 2026-01-02, before the plan starts (PlanStart 2026-01-05)');
  });
});

describe('calendar exceptions', () => {
  it('lets a work center’s own row override the plant-wide row for the same day', () => {
    // Friday 01-09: '*' closes the plant, ASSY's own row keeps 4 h. Week 0: ASSY 4 × 8 + 4 = 36 h,
    // CNC 4 × 8 = 32 h; with 2 units at 50 % efficiency CNC has 32 × 2 × 0.5 = 32 h.
    const r = base([], {
      WorkCenters: [wc('ASSY', 8), wc('CNC', 8, { Units: 2, EfficiencyPct: 50 })],
      Calendar: [
        { WorkCenter: '*', Date: '2026-01-09', Hours: 0 },
        { WorkCenter: 'assy', Date: '2026-01-09', Hours: 4 },
      ],
    });
    const plant = plantOf(r);
    const cap = workCenterCapacity(plant, bucketsOf(plant.settings));
    expect([...cap.get('assy')!.hours]).toEqual([36, 40, 40, 40]);
    expect([...cap.get('cnc')!.hours]).toEqual([32, 40, 40, 40]);
    expect([...cap.get('cnc')!.workingDays]).toEqual([4, 5, 5, 5]);
  });
});

describe('limits', () => {
  const plant = () => {
    const { plant, problems } = readPlant(recordsToRows(generatePlant({ orders: 40, workCenters: 4, buckets: 8, seed: 1 })), 'plan');
    expect(problems).toEqual([]);
    return plant;
  };

  it('refuses a model above the variable limit before solving, saying how to shrink it', async () => {
    const err = await solvePlan(plant(), { clock: () => performance.now(), lang: 'en', backend: () => jslpBackend, maxVariables: 50 }).catch((e) => e);
    expect(err).toBeInstanceOf(SolveError);
    expect(err.reason).toBe('tooLarge');
    // The builder stops at the limit: the model (about 1,600 columns) is never built whole.
    expect(err.message).toBe('the plan has more than 50 variables, the limit: plan fewer orders, fewer HorizonBuckets, longer BucketDays or time-phased buckets (--phasing)');
    expect(err.messageZh).toContain('超过上限 50');
  });

  it('stops at the time limit with a clear message instead of returning a half-solved plan', async () => {
    const err = await runPlan(plant(), { lang: 'en', solver: 'jslp', timeLimitSeconds: 0.001 }).catch((e) => e);
    expect(err).toBeInstanceOf(SolveError);
    expect(err.reason).toBe('timeLimit');
    expect(err.message).toMatch(/^no optimal plan within the 0.001 s time limit \(jslp, \d+ variables\): raise --time-limit or use --solver highs/);
  });
});

describe('bad references found late', () => {
  it('a plant with no problems plans; one with an unknown work center is stopped by validation', () => {
    const bad = base([order('X', 'FG', 1, '2026-01-09')]);
    bad.sheets.Routing = [{ Item: 'FG', OpSeq: 10, WorkCenter: 'NOPE', RunHoursPerUnit: 1 }];
    const { problems } = readPlant(recordsToRows(bad), 'plan');
    expect(problems.map((p) => `${p.sheet}!${p.cell}`)).toEqual(['Routing!C2']);
    expect(() => plantOf(base([]))).not.toThrow();
  });
});
