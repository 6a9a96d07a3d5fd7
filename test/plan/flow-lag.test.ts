// Flow time inside the buckets (shared/plan/flow-lag.ts): an order whose operations, one after
// the other, take longer than a week cannot start and finish in one week of the plan.
// Weeks from Monday 2026-01-05 (fixture START); 8-hour days from 08:00.
import { describe, expect, it } from 'vitest';
import { bucketsOf } from '../../shared/plan/buckets';
import { workCenterCapacity } from '../../shared/plan/capacity';
import { flowLags } from '../../shared/plan/flow-lag';
import { explodeOrder } from '../../shared/plan/network';
import { plantNetwork } from '../../shared/network';
import { order, orderOf, plan, plantOf, records, wc } from './fixture';

const SERIES = {
  Items: [{ ItemId: 'FG', Type: 'Make' }],
  Routing: [
    { Item: 'FG', OpSeq: 10, WorkCenter: 'CUT', RunHoursPerUnit: 1 },
    { Item: 'FG', OpSeq: 20, WorkCenter: 'ASSY', RunHoursPerUnit: 1 },
  ],
  WorkCenters: [wc('CUT', 8), wc('ASSY', 8)],
};

describe('flow time in the weekly plan', () => {
  it('hands a week-long cut on to assembly a week later, so the plan and the schedule both see the order late', async () => {
    // 40 units × 1 h = 40 h on CUT, then 40 h on ASSY; each is 5 days of 8 h, a whole week.
    // Cutting ends Friday 01-09 at the earliest, assembling cannot end before the next week:
    // the hand-over CUT → ASSY waits one bucket. Due Friday 01-09.
    const r = records({ ...SERIES, Orders: [order('S1', 'FG', 40, '2026-01-09')] });
    const p = plantOf(r);
    const b = bucketsOf(p.settings);
    const root = explodeOrder(p.Orders[0], b.start, plantNetwork(p))!;
    const lags = flowLags(root, workCenterCapacity(p, b), b);
    expect(root.ops.map((op) => lags.get(op))).toEqual([0, 1]);

    const out = await plan(r);
    // The plan: CUT's 40 h in the week of 01-05, ASSY's 40 h in the week of 01-12; finished in
    // week 1 (reported on its last day, 01-18): 7 days late in the plan's weekly count (16 × 10 × 7 = 1,120 for the order's units is the LP's price).
    const load = (w: string, week: string) => out.result.load.find((l) => l.workCenter === w && l.bucketStart === week)?.loadHours ?? 0;
    expect([load('CUT', '2026-01-05'), load('ASSY', '2026-01-05'), load('ASSY', '2026-01-12')]).toEqual([40, 0, 40]);
    expect(orderOf(out.result, 'S1')).toMatchObject({ finishDate: '2026-01-18', daysLate: 7 });
    // The schedule: CUT Mon–Fri in 4 transfer batches of 10 (10 h each: Tue 10:00, Wed 12:00,
    // Thu 14:00, Fri 16:00); ASSY runs each batch as it comes: Tue 10:00–Wed 12:00, Wed 12:00–
    // Thu 14:00, Thu 14:00–Fri 16:00, and the last from Mon 01-12 08:00 for 10 h: Tue 01-13 10:00.
    // 4 days after the due Friday.
    expect(out.json.orders.find((o) => o.orderId === 'S1')).toMatchObject({ finishDate: '2026-01-13', daysLate: 4 });
  });

  it('adds no lag when the whole routing fits in a week', async () => {
    // 16 units: 16 h on CUT (2 days), 16 h on ASSY: the two fit in one week, both in week 0.
    const out = await plan(records({ ...SERIES, Orders: [order('S2', 'FG', 16, '2026-01-09')] }));
    const load = (w: string) => out.result.load.find((l) => l.workCenter === w && l.bucketStart === '2026-01-05')?.loadHours ?? 0;
    expect([load('CUT'), load('ASSY')]).toEqual([16, 16]);
    expect(orderOf(out.result, 'S2')).toMatchObject({ daysLate: 0 });
  });
});
