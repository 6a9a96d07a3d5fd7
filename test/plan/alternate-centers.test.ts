// Alternative work centers (替代工作中心): two Routing rows of FG operation 10 (weeks as in fixture.ts).
//
//   FG 10 on CNC-1, Preference 1: 1 h/unit;  FG 10 on CNC-2, Preference 2: 2 h/unit.
//   Each 8 h/day × 5 days = 40 h a week.
//
// Order S1: 50 FG due Friday 01-09 (bucket 0), priority 3 (weight 4).
//   CNC-1 alone makes 40 in week 0 and 10 a week late (10 × 10 × 4 × 7 = 2800). With CNC-2 the
//   other 10 take 10 × 2 = 20 h there in week 0, at 0.05 a unit for not being the preferred one:
//   CNC-1 40 h (full), CNC-2 20 h, on time.
import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../shared/plan/build-model';
import { loadOf, order, orderOf, plan, plantOf, records, wc } from './fixture';

const sheets = (qty: number) => ({
  Items: [{ ItemId: 'FG', Type: 'Make' }],
  Routing: [
    { Item: 'FG', OpSeq: 10, WorkCenter: 'CNC-2', RunHoursPerUnit: 2, Preference: 2 },
    { Item: 'FG', OpSeq: 10, WorkCenter: 'CNC-1', RunHoursPerUnit: 1, Preference: 1 },
  ],
  WorkCenters: [wc('CNC-1', 8), wc('CNC-2', 8)],
  Orders: [order('S1', 'FG', qty, '2026-01-09')],
});

describe('alternative work centers', () => {
  it('splits an operation onto the alternative when the preferred one is full', async () => {
    const { result, schedule, sheets: out, json } = await plan(records(sheets(50)));
    expect(json.orders[0]).toMatchObject({ daysLate: 0, alternateCenters: 'CNC110: CNC-1 full in the week of 01-05; 10 on CNC-2' });
    expect(orderOf(result, 'S1')).toMatchObject({ daysLate: 0, shortQty: 0 });
    expect(loadOf(result, 'CNC-1', '2026-01-05').loadHours).toBe(40);
    expect(loadOf(result, 'CNC-2', '2026-01-05').loadHours).toBe(20);
    expect(orderOf(result, 'S1').alternateCenters?.en).toBe('CNC110: CNC-1 full in the week of 01-05; 10 on CNC-2');
    // The schedule places each part on its own work center, and the dispatch lists show them.
    const rows = schedule!.rows().filter((r) => r.orderId === 'S1');
    const on = (w: string) => rows.filter((r) => r.workCenter === w).reduce((a, r) => a + r.quantity, 0);
    expect([on('CNC-1'), on('CNC-2')]).toEqual([40, 10]);
    expect(rows.filter((r) => r.workCenter === 'CNC-2').every((r) => r.runHours === 2 * r.quantity)).toBe(true);
    const dispatch = out.find((s) => s.name === 'Dispatch')!;
    expect(dispatch.rows.filter((r) => r.workCenter === 'CNC-2' && r.orderId === 'S1').length).toBeGreaterThan(0);
    expect(out.find((s) => s.name === 'Plan')!.rows[0].alternateCenters).toBe('CNC110: CNC-1 full in the week of 01-05; 10 on CNC-2');
  });

  it('keeps to the preferred work center while it has room', async () => {
    // 30 FG: 30 h on CNC-1, nothing on CNC-2.
    const { result } = await plan(records(sheets(30)));
    expect(loadOf(result, 'CNC-1', '2026-01-05').loadHours).toBe(30);
    expect(loadOf(result, 'CNC-2', '2026-01-05').loadHours).toBe(0);
    expect(orderOf(result, 'S1').alternateCenters).toBeUndefined();
  });

  it('gives the LP a column per work center and a split row', () => {
    const pm = buildPlanModel(plantOf(records(sheets(50))));
    expect(pm.lp.colNames).toEqual(expect.arrayContaining(['x_S1_CNC110_t0', 'xw_S1_CNC110_CNC1_t0', 'xw_S1_CNC110_CNC2_t0']));
    expect(pm.lp.rowNames).toContain('split_S1_CNC110_t0');
  });
});
