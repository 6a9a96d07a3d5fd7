// A multi-level BOM exploded into the order's operation chain (weeks as in fixture.ts).
//
//   FG (Make)  ASSY 10: 1 h/unit
//    ├─ SA ×2, scrap 25 % → 2.5 SA per FG     SA (Make): MACH 10, setup 2 h + 0.5 h/unit
//    │    └─ RM-G ×3 (Buy, 1000 on hand)
//    ├─ RM-OLD ×1, ValidTo 2025-12-31 (an engineering change retired it before the release date)
//    └─ RM-NEW ×1, ValidFrom 2026-01-01 (Buy, 100 on hand)
//
// Order M1: 8 FG due Friday 01-16 (bucket 1), released 01-05.
//   SA lot = 8 × 2.5 = 20; MACH hours per SA = 0.5 + 2/20 = 0.6 → 12 h. ASSY: 8 h.
//   RM-G = 20 × 3 = 60; RM-NEW = 8; RM-OLD = 0.
import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../shared/plan/build-model';
import { loadOf, order, orderOf, plan, plantOf, records, wc } from './fixture';

const sheets = (machHoursPerDay: number) => ({
  Items: [
    { ItemId: 'FG', Type: 'Make' },
    { ItemId: 'SA', Type: 'Make' },
    { ItemId: 'RM-G', Type: 'Buy', OnHand: 1000 },
    { ItemId: 'RM-OLD', Type: 'Buy', OnHand: 0, LeadTimeDays: 300 },
    { ItemId: 'RM-NEW', Type: 'Buy', OnHand: 100 },
  ],
  BOM: [
    { Parent: 'FG', Component: 'SA', QtyPer: 2, ScrapPct: 25 },
    { Parent: 'SA', Component: 'RM-G', QtyPer: 3 },
    { Parent: 'FG', Component: 'RM-OLD', QtyPer: 1, ValidTo: '2025-12-31' },
    { Parent: 'FG', Component: 'RM-NEW', QtyPer: 1, ValidFrom: '2026-01-01' },
  ],
  Routing: [
    { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 },
    { Item: 'SA', OpSeq: 10, WorkCenter: 'MACH', SetupHours: 2, RunHoursPerUnit: 0.5 },
  ],
  WorkCenters: [wc('ASSY', 8), wc('MACH', machHoursPerDay)],
  Orders: [order('M1', 'FG', 8, '2026-01-16', 3, { ReleaseDate: '2026-01-05' })],
});

describe('multi-level BOM', () => {
  it('explodes quantities through QtyPer and scrap, with effective lines only, and names the columns readably', () => {
    const pm = buildPlanModel(plantOf(records(sheets(8))));
    const names = pm.lp.colNames;
    expect(names).toContain('x_M1_ASSY10_t1');
    expect(names).toContain('x_M1_SA_MACH10_t1');
    expect(names).toContain('w_M1_ASSY10_from_SA_t1');
    // RM-OLD is not effective on 01-05: no stock row, nothing blocks the order.
    expect([...pm.materials.keys()].sort()).toEqual(['rm-g', 'rm-new']);
    const o = pm.orders[0];
    expect(o.blocked).toBeUndefined();
    const sa = o.root.makeChildren[0];
    expect([sa.ratio, sa.node.qty, sa.node.ops[0].hoursPerUnit]).toEqual([2.5, 20, 0.6]);
  });

  it('plans the component just in time on its own work center, before the assembly', async () => {
    // MACH 8 h/day: the 12 h fit in week 1 with the assembly; nothing early, nothing waits.
    const { json, result } = await plan(records(sheets(8)));
    expect(json.objective).toBeCloseTo(0, 9);
    expect(orderOf(result, 'M1')).toMatchObject({ daysLate: 0, finishDate: '2026-01-18' });
    expect(loadOf(result, 'MACH', '2026-01-12').loadHours).toBe(12);
    expect(loadOf(result, 'ASSY', '2026-01-12').loadHours).toBe(8);
    const req = (item: string) => result.materials.filter((m) => m.item === item).map((m) => m.requirement);
    expect(req('RM-G')).toEqual([0, 60, 0, 0]);
    expect(req('RM-NEW')).toEqual([0, 8, 0, 0]);
  });

  it('starts the component a week early when its work center is short, and the parts wait', async () => {
    // MACH 2 h/day = 10 h/week: 10 h (16.667 SA) in week 1, the other 2 h (3.333 SA) in week 0.
    // Those 3.333 SA wait a week before assembly: WIP cost 0.001 per FG-equivalent per week,
    // 3.333 / 2.5 FG = 1.333 → 0.001333. RM-G follows the SA: 10 in week 0, 50 in week 1.
    const { json, result } = await plan(records(sheets(2)));
    expect(json.objective).toBeCloseTo(0.001 * (2 / 0.6 / 2.5), 9);
    expect(orderOf(result, 'M1').daysLate).toBe(0);
    expect(loadOf(result, 'MACH', '2026-01-05').loadHours).toBe(2);
    expect(loadOf(result, 'MACH', '2026-01-12').loadHours).toBe(10);
    expect(result.materials.filter((m) => m.item === 'RM-G').map((m) => m.requirement)).toEqual([10, 50, 0, 0]);
  });

  it('names the component work center when it makes the order late', async () => {
    // MACH 1 h/day = 5 h/week: 12 h take weeks 0, 1 and 2 h of week 2 → the last 2 h of SA
    // (3.333 SA = 1.333 FG) finish in week 2, so the order finishes a week late.
    const { result } = await plan(records(sheets(1)));
    const m1 = orderOf(result, 'M1');
    expect(m1.daysLate).toBe(7);
    expect(m1.lateBecause!.en).toBe('work center MACH full in the weeks of 2026-01-05, 2026-01-12 (no overtime allowed)');
  });

  it('judges effectivity on the order’s own release date, even one before PlanStart', async () => {
    // Released 2025-12-20, when RM-OLD was still in the BOM (ValidTo 2025-12-31) and RM-NEW not
    // yet: the order needs RM-OLD, which has no stock and a 300-day lead time, so it cannot finish.
    const r = records(sheets(8));
    r.sheets.Orders = [order('OLD', 'FG', 8, '2026-01-16', 3, { ReleaseDate: '2025-12-20', Status: 'InProduction' })];
    const { result } = await plan(r);
    expect(orderOf(result, 'OLD')).toMatchObject({ state: 'short', shortQty: 8 });
    expect(orderOf(result, 'OLD').lateBecause!.en).toBe('material RM-OLD cannot arrive within the horizon (no usable stock or open PO; purchase lead time 300 days)');
    expect(result.materials.some((m) => m.item === 'RM-NEW')).toBe(false);
  });
});
