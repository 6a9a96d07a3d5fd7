// What the day-by-day schedule keeps of the plan and how it grades late orders (applySchedule):
// an order it has no work of keeps the plan's day; a late order's severity follows the README's
// rule (an error: a priority-1 order late at all, any order more than 7 days late). Weeks from
// Monday 2026-01-05, ASSY works 8 h on weekdays (test/plan/fixture.ts).
import { describe, expect, it } from 'vitest';
import { order, orderOf, plan, records, wc } from '../plan/fixture';

const assy = (item: string) => ({ Item: item, OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 });
const late = (out: Awaited<ReturnType<typeof plan>>, id: string) => out.scheduled!.exceptions.find((e) => e.type === 'late' && e.subject === id);

describe('the schedule and the plan', () => {
  it('keeps the day and the lateness of an order shipped wholly from stock', async () => {
    // FG2: 10 on hand, 2 safety stock → 8 to hand out. O7 wants 5, due 2025-12-30, before the plan
    // starts: all 5 ship from stock on PlanStart 01-05, 6 days late (12-30 → 01-05). O9 makes 4 FG
    // (4 h of ASSY), so the schedule has work to place, none of it O7's.
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'FG2', Type: 'Make', OnHand: 10, SafetyStock: 2 }],
        Routing: [assy('FG'), assy('FG2')],
        WorkCenters: [wc('ASSY', 8)],
        Orders: [order('O7', 'FG2', 5, '2025-12-30'), order('O9', 'FG', 4, '2026-01-09')],
      }),
    );
    expect(orderOf(out.scheduled!, 'O7')).toMatchObject({ fromStock: 5, finishDate: '2026-01-05', daysLate: 6, state: 'late' });
    expect(orderOf(out.scheduled!, 'O9')).toMatchObject({ finishDate: '2026-01-05', daysLate: 0, state: 'onTime' });
    // Priority 3, 6 days late: a warning; the text counts days in words.
    expect(late(out, 'O7')).toMatchObject({ severity: 'warning' });
    expect(late(out, 'O7')!.message.en).toContain('6 days late');
    const o7 = (out.json.orders as { orderId: string; finishDate: string | null; daysLate: number | null }[]).find((o) => o.orderId === 'O7');
    expect(o7).toMatchObject({ finishDate: '2026-01-05', daysLate: 6 });
  });

  it('grades a late order by the rule: error past 7 days or at priority 1, else a warning', async () => {
    // All due Monday 01-05, on ASSY's 8 h a day: P1 (priority 1) 8 units = 1 day, P2 (priority 2)
    // 8 units = 1 day, P3 (priority 3) 48 units = 6 days: 64 h = 8 working days, 01-05 … 01-14.
    // By priority: P1 on 01-05 (on time), P2 on 01-06 (1 day late: a warning, not an error for
    // priority 2), P3 from 01-07 to 01-14 (9 days late: an error though priority 3).
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make' }],
        Routing: [assy('FG')],
        WorkCenters: [wc('ASSY', 8)],
        Orders: [order('P1', 'FG', 8, '2026-01-05', 1), order('P2', 'FG', 8, '2026-01-05', 2), order('P3', 'FG', 48, '2026-01-05', 3)],
      }),
    );
    expect(['P1', 'P2', 'P3'].map((id) => [id, orderOf(out.scheduled!, id).finishDate, orderOf(out.scheduled!, id).daysLate])).toEqual([
      ['P1', '2026-01-05', 0],
      ['P2', '2026-01-06', 1],
      ['P3', '2026-01-14', 9],
    ]);
    expect(late(out, 'P1')).toBeUndefined();
    expect(late(out, 'P2')).toMatchObject({ severity: 'warning' });
    expect(late(out, 'P2')!.message.en).toContain('1 day late');
    expect(late(out, 'P3')).toMatchObject({ severity: 'error' });
  });

  it('counts on the material the buyer is told to buy, in whole units, not the plan\'s fraction of a kilogram', async () => {
    // FG: 2 h setup + 0.5 h a piece on WC (8 h × 5 days = 40 h a week); 2 kg of RM a piece plus
    // 10 % scrap = 2.2 kg. RM arrives 5 days after PlanStart 01-05, so from the week of 01-12.
    // The plan makes about 76.9 FG that week and buys 76.92 × 2.2 = 169.23 kg; the buyer is told
    // to buy 170 kg (whole units). The schedule makes 77 whole pieces there (77 × 2.2 = 169.4 kg):
    // all of them from 01-12, 2 + 38.5 = 40.5 h, to Monday 01-19 08:30; then 23 more, 2 + 11.5 =
    // 13.5 h: 7.5 h on 01-19 and 6 h on 01-20, so O1 (due Friday 01-16) ends 01-20, 4 days late.
    // Counting on 169.23 kg, 19 of the 77 waited for the next week's RM, WC sat idle from 01-15 15:00
    // through 01-16, a second setup followed, and O1 ended 01-21.
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make', Uom: 'pcs' }, { ItemId: 'RM', Type: 'Buy', Uom: 'kg', StdCost: 6, LeadTimeDays: 5 }],
        BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 2, ScrapPct: 10 }],
        Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'WC', SetupHours: 2, RunHoursPerUnit: 0.5 }],
        WorkCenters: [wc('WC', 8)],
        Orders: [order('O1', 'FG', 100, '2026-01-16')],
      }),
    );
    const rm = out.scheduled!.purchaseSuggestions.filter((p) => p.item === 'RM').map((p) => [p.needBy, p.quantity]);
    expect(rm[0]).toEqual(['2026-01-12', 170]);
    expect(out.schedule!.rows().map((r) => [r.quantity, r.start, r.end, r.materialReady])).toEqual([
      [77, '2026-01-12 08:00', '2026-01-19 08:30', '2026-01-12'],
      [23, '2026-01-19 08:30', '2026-01-20 14:00', '2026-01-19'],
    ]);
    expect(orderOf(out.scheduled!, 'O1')).toMatchObject({ finishDate: '2026-01-20', daysLate: 4 });
  });
});

