import type { PlanAnswer } from '../../shared/answers';
// The schedule inside the buckets, on small plants whose days are worked out by hand.
// Weeks from Monday 2026-01-05 (fixture START); every work center opens at 08:00, so an 8-hour
// day runs 08:00–16:00. Lots move on in transfer batches of about half a day's run.
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../shared/dates';
import { priorityWeight } from '../../shared/plan/costs';
import { dispatchRows } from '../../shared/schedule/sheets';
import type { Schedule } from '../../shared/schedule/schedule';
import { order, plan, records, wc } from '../plan/fixture';

const FG = { Items: [{ ItemId: 'FG', Type: 'Make' }], Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }] };
const finishOf = (j: PlanAnswer, id: string) => j.orders.find((o) => o.orderId === id)!;

/** Hours each unit of a work center works per day never exceed its day; stretches never overlap. */
function expectLanesWithinTheirDays(s: Schedule, hoursPerDay: (wc: string, day: string) => number) {
  const byLane = new Map<string, [string, string][]>();
  for (const d of dispatchRows(s)) {
    const k = `${d.workCenter}|${d.lane}|${d.day}`;
    byLane.set(k, [...(byLane.get(k) ?? []), [d.start, d.end]]);
  }
  for (const [k, spans] of byLane) {
    const [wcId, , day] = k.split('|');
    spans.sort();
    for (let i = 1; i < spans.length; i++) expect(spans[i][0] >= spans[i - 1][1], `${k} overlaps`).toBe(true);
    const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    expect(spans[0][0] >= '08:00', k).toBe(true);
    expect(mins(spans[spans.length - 1][1]) - 8 * 60, k).toBeLessThanOrEqual(hoursPerDay(wcId, day) * 60 + 1);
  }
}

describe('the schedule, by hand', () => {
  it('single bottleneck, twelve overdue orders in three priorities: priority, then due date, then order id, and no worse than a priority dispatcher', async () => {
    // Twelve orders of 8 units × 1 h = one 8-hour day each on the one work center, all due
    // before PlanStart. Dispatching by priority, then due date, then id gives the k-th order
    // in that list the k-th working day: Mon 01-05 … Fri 01-09, Mon 01-12 … Fri 01-16, Mon 01-19, Tue 01-20.
    const spec: [string, number, string][] = [
      ['O01', 3, '2025-12-29'], ['O02', 1, '2026-01-02'], ['O03', 2, '2025-12-30'], ['O04', 1, '2025-12-31'],
      ['O05', 3, '2025-12-22'], ['O06', 2, '2026-01-02'], ['O07', 1, '2025-12-31'], ['O08', 3, '2026-01-01'],
      ['O09', 2, '2025-12-24'], ['O10', 1, '2025-12-19'], ['O11', 3, '2025-12-30'], ['O12', 2, '2025-12-30'],
    ];
    const out = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8)], Orders: spec.map(([id, p, due]) => order(id, 'FG', 8, due, p)) }));
    // Priority 1: O10 (12-19), O04 and O07 (12-31, by id), O02 (01-02); priority 2: O09, O03 and
    // O12 (12-30, by id), O06; priority 3: O05, O01, O11, O08.
    const sequence = ['O10', 'O04', 'O07', 'O02', 'O09', 'O03', 'O12', 'O06', 'O05', 'O01', 'O11', 'O08'];
    const workingDays = ['01-05', '01-06', '01-07', '01-08', '01-09', '01-12', '01-13', '01-14', '01-15', '01-16', '01-19', '01-20'].map((d) => `2026-${d}`);
    for (const [k, id] of sequence.entries()) expect([id, finishOf(out.json, id).finishDate]).toEqual([id, workingDays[k]]);
    // e.g. O10: due 2025-12-19, finishes 2026-01-05: 17 calendar days late.
    expect(finishOf(out.json, 'O10').daysLate).toBe(17);
    // The frePPLe-style heuristic worked independently: same list, one day each, lateness by the
    // order's last unit, weighted by priority (16, 8, 4).
    const heuristic = sequence.reduce((a, id, k) => {
      const [, p, due] = spec.find((s) => s[0] === id)!;
      return a + priorityWeight(p) * Math.max(0, daysBetween(due, workingDays[k]));
    }, 0);
    const ours = spec.reduce((a, [id, p]) => a + priorityWeight(p) * (finishOf(out.json, id).daysLate ?? 0), 0);
    expect(ours).toBeLessThanOrEqual(heuristic);
    expectLanesWithinTheirDays(out.schedule!, () => 8);
  });

  it('two work centers in series: assembly starts on the first half of the cut parts', async () => {
    // 8 units, CUT 1 h then ASSY 1 h, 8-hour days. CUT runs Mon 08–16 in two batches of 4
    // (08–12, 12–16). ASSY takes the first 4 at 12:00 (12–16) and the other 4 when CUT ends at
    // 16:00, i.e. Tue 08–12. Finish Tue 01-06, three days before the due Friday.
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make' }],
        Routing: [
          { Item: 'FG', OpSeq: 10, WorkCenter: 'CUT', RunHoursPerUnit: 1 },
          { Item: 'FG', OpSeq: 20, WorkCenter: 'ASSY', RunHoursPerUnit: 1 },
        ],
        WorkCenters: [wc('CUT', 8), wc('ASSY', 8)],
        Orders: [order('S1', 'FG', 8, '2026-01-09')],
      }),
    );
    const rows = out.schedule!.rows().filter((r) => r.orderId === 'S1');
    expect(rows.map((r) => [r.workCenter, r.quantity, r.start, r.end])).toEqual([
      ['CUT', 8, '2026-01-05 08:00', '2026-01-05 16:00'],
      ['ASSY', 8, '2026-01-05 12:00', '2026-01-06 12:00'],
    ]);
    expect(finishOf(out.json, 'S1')).toMatchObject({ finishDate: '2026-01-06', daysLate: 0 });
  });

  it('a material arriving on Wednesday holds the work until then', async () => {
    // FG needs 1 RM; no stock, an open PO of 10 due Wed 01-07. 10 units × 1 h on ASSY: Wed 08–16
    // (8) and Thu 08–10 (2): finishes Thu 01-08, on time for Friday.
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'RM', Type: 'Buy', OnHand: 0, LeadTimeDays: 28 }],
        BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 1 }],
        Routing: FG.Routing,
        WorkCenters: [wc('ASSY', 8)],
        PurchaseOrders: [{ PoId: 'PO1', Supplier: 'S', Item: 'RM', Quantity: 10, UnitPrice: 1, DueDate: '2026-01-07' }],
        Orders: [order('M1', 'FG', 10, '2026-01-09')],
      }),
    );
    const rows = out.schedule!.rows().filter((r) => r.orderId === 'M1');
    expect(rows[0]).toMatchObject({ start: '2026-01-07 08:00', materialReady: '2026-01-07', materialOk: true });
    expect(rows.at(-1)!.end).toBe('2026-01-08 10:00');
    expect(finishOf(out.json, 'M1')).toMatchObject({ finishDate: '2026-01-08', daysLate: 0 });
  });

  it('a plant-wide holiday on Wednesday closes every work center that day', async () => {
    // 24 units × 1 h, 8-hour days: Mon 8, Tue 8, Wednesday closed, Thu 8 → finishes Thu 01-08.
    const out = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8)], Calendar: [{ WorkCenter: '*', Date: '2026-01-07', Hours: 0 }], Orders: [order('H1', 'FG', 24, '2026-01-09')] }));
    expect(finishOf(out.json, 'H1')).toMatchObject({ finishDate: '2026-01-08', daysLate: 0 });
    const days = new Set(dispatchRows(out.schedule!).map((d) => d.day));
    expect([...days]).toEqual(['2026-01-05', '2026-01-06', '2026-01-08']);
  });

  it('two parallel units run two orders on the same day, neither over its 8 hours', async () => {
    // Units 2: two lanes of 8 h. A and B, 8 units × 1 h each (two batches of 4 h): A's batches go
    // on both lanes 08–12, B's on both lanes 12–16. Both finish Monday.
    const out = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8, { Units: 2 })], Orders: [order('A', 'FG', 8, '2026-01-09', 1), order('B', 'FG', 8, '2026-01-09', 2)] }));
    expect(finishOf(out.json, 'A').finishDate).toBe('2026-01-05');
    expect(finishOf(out.json, 'B').finishDate).toBe('2026-01-05');
    const lanes = dispatchRows(out.schedule!).map((d) => [d.orderId, d.lane, d.start, d.end]);
    expect(lanes).toEqual([
      ['A', 1, '08:00', '12:00'],
      ['A', 2, '08:00', '12:00'],
      ['B', 1, '12:00', '16:00'],
      ['B', 2, '12:00', '16:00'],
    ]);
    expectLanesWithinTheirDays(out.schedule!, () => 8);
  });

  it('splits a lot whose setup is longer than a day over days, and says so; a work center without a working day is an exception', async () => {
    // Setup 10 h + 2 units × 1 h = 12 h on 8-hour days: Mon 08–16, Tue 08–12.
    const out = await plan(
      records({
        Items: [{ ItemId: 'FG', Type: 'Make' }],
        Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', SetupHours: 10, RunHoursPerUnit: 1 }],
        WorkCenters: [wc('ASSY', 8), wc('IDLE', 8, { DaysPerWeek: 0 })],
        Orders: [order('L1', 'FG', 2, '2026-01-09')],
      }),
    );
    const r = out.schedule!.rows().find((x) => x.orderId === 'L1')!;
    expect([r.start, r.end, r.days, r.setupHours]).toEqual(['2026-01-05 08:00', '2026-01-06 12:00', 2, 10]);
    const ex = out.json.exceptions as { type: string; subject: string; message: string }[];
    expect(ex.find((e) => e.type === 'lotSplit')?.message).toContain('split over 2 days');
    expect(ex.find((e) => e.type === 'noWorkingDay')).toMatchObject({ subject: 'IDLE' });
    expect(dispatchRows(out.schedule!).map((d) => d.part)).toEqual(['1/2', '2/2']);
  });

  it('says when the rounded plan costs more than the LP bound', async () => {
    // One order of 30 on 40 h/week: nothing to round, on time: the gap is 0.
    const out = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8)], Orders: [order('G1', 'FG', 30, '2026-01-09')] }));
    expect(out.json.roundingGap).toBeCloseTo(0, 6);
    expect(out.json.roundedObjective).toBeCloseTo(out.json.objective as number, 6);
  });

  it('judges an order by its last piece, or by its pieces on average where PartialOk = Y', async () => {
    // 16 units × 1 h on one 8-hour work center, due Monday 01-05 (PlanStart), priority 3 (weight 4).
    // Four transfer batches of 4 units end Mon 12:00, Mon 16:00, Tue 12:00, Tue 16:00: 0, 0, 1, 1 days late.
    // Ship-complete: the last piece ends Tuesday, 1 day late → 4 × 1 = 4.
    // PartialOk: (4 × 0 + 4 × 0 + 4 × 1 + 4 × 1) / 16 = 0.5 days on average → 4 × 0.5 = 2.
    const whole = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8)], Orders: [order('W1', 'FG', 16, '2026-01-05')] }));
    const partial = await plan(records({ ...FG, WorkCenters: [wc('ASSY', 8)], Orders: [order('W1', 'FG', 16, '2026-01-05', 3, { PartialOk: 'Y' })] }));
    expect(whole.schedule!.weightedLateness).toEqual({ plan: 4, priority: 4 });
    expect(partial.schedule!.weightedLateness).toEqual({ plan: 2, priority: 2 });
    // The finish date is the last piece's either way (the day the order is complete).
    for (const out of [whole, partial]) expect(finishOf(out.json, 'W1')).toMatchObject({ finishDate: '2026-01-06', daysLate: 1 });
  });
});
