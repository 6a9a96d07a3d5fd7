// Delivery promises on a loaded plant, worked out by hand, through the real planning model and
// solver (the quote job's own solver choice).
import { describe, expect, it } from 'vitest';
import { runQuote, type QuoteJson } from '../../service/jobs/quote';
import { plantOf } from './fixture';

// One work center, ASSY: 8 h × 5 days = 40 h a week, up to 10 h overtime a week at 30/h.
// FG takes 1 h per unit at ASSY, no setup, no materials. Weekly buckets from Monday 2026-11-30:
//   bucket 0: 11-30 … 12-06,  1: 12-07 … 12-13,  2: 12-14 … 12-20,  3: 12-21 … 12-27, …
// Firm orders: SO1 60 units due 12-13 (bucket 1), SO2 30 units due 12-20 (bucket 2).
// The current plan: SO1 40 h in bucket 0 + 20 h in bucket 1; SO2 30 h in bucket 2. Both on time.
// Spare regular hours: 20 by the end of bucket 1, 30 by the end of bucket 2, then 40 a week.
// The promise date is the day the quote's last operation ends in the day-by-day schedule: ASSY
// works 08:00–16:00 Mon–Fri, one lane; the dispatcher's order (priority 3 firm orders by due date,
// then the quote at priority 5) runs SO1, SO2, then the quote back to back from 11-30 08:00, so
// the quote ends on working day ⌈hours before it and its own / 8⌉. Working days: 1–5 = 11-30 …
// 12-04, 6–10 = 12-07 … 12-11, 11–15 = 12-14 … 12-18, 16–20 = 12-21 … 12-25.
const plant = (quotes: Record<string, unknown>[], opts: { orders?: boolean; subcontract?: boolean; planStart?: boolean } = {}) =>
  plantOf({
    settings: { ...(opts.planStart === false ? {} : { PlanStart: '2026-11-30' }), BucketDays: 7, HorizonBuckets: 6, SimulationRuns: 10 },
    sheets: {
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [
        { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1, ...(opts.subcontract ? { Subcontract: 'Y', SubcontractCostPerUnit: 12, SubcontractLeadDays: 0 } : {}) },
      ],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 30 }],
      Orders:
        opts.orders === false
          ? []
          : [
              { OrderId: 'SO1', Customer: 'A', Item: 'FG', Quantity: 60, DueDate: '2026-12-13' },
              { OrderId: 'SO2', Customer: 'B', Item: 'FG', Quantity: 30, DueDate: '2026-12-20' },
            ],
      Quotes: quotes,
    },
  });

const quote = async (p: ReturnType<typeof plant>) => (await runQuote(p, { lang: 'en' })).json.quotes as QuoteJson[];

describe('delivery promise', () => {
  it('promises the earliest bucket with spare capacity, and prices overtime to meet an earlier date', async () => {
    const [q, same, far] = await quote(
      plant([
        { QuoteId: 'Q1', Item: 'FG', Quantity: 25, RequestedDate: '2026-12-09' },
        { QuoteId: 'Q2', Item: 'FG', Quantity: 25, RequestedDate: '2026-12-16' },
        { QuoteId: 'Q3', Item: 'FG', Quantity: 25, RequestedDate: '2027-01-05' },
      ]),
    );
    // 25 units: 20 spare hours by bucket 1 are too few, 30 by bucket 2 are enough → bucket 2.
    // Scheduled: SO1 60 h + SO2 30 h + 25 h = 115 h, ⌈115 / 8⌉ = day 15 → Friday 12-18.
    // Requested 12-09 (bucket 1): 5 more hours by then, only as overtime: 5 h × 30 = 150.
    expect(q.promiseDate).toBe('2026-12-18');
    expect(q.promise.status).toBe('rushable');
    expect(q.rushPremium).toBeCloseTo(150, 4);
    // Requested 12-16 is in the promise bucket, but the schedule ends the line on 12-18, after
    // it: not claimed as met (no day-level premium known). 2027-01-05 is later: met, 12-18, no
    // premium. Nothing is reserved, so every quote line sees the same plant.
    expect([same.promiseDate, same.promise.status, same.rushPremium]).toEqual(['2026-12-18', 'cannotMeet', null]);
    expect(same.promise.note).toMatch(/^promise 2026-12-18 .*the day-by-day schedule finishes it after that day$/);
    expect([far.promiseDate, far.promise.status, far.rushPremium]).toEqual(['2026-12-18', 'meetsRequest', 0]);
  });

  it('says why a date cannot be met: the work center is full even with all its overtime', async () => {
    const [q] = await quote(plant([{ QuoteId: 'Q1', Item: 'FG', Quantity: 60, RequestedDate: '2026-12-02' }]));
    // 60 units: spare 30 by bucket 2, 70 by bucket 3 → bucket 3; scheduled 60 + 30 + 60 = 150 h,
    // ⌈150 / 8⌉ = day 19 → Thursday 12-24.
    // By 12-06 (bucket 0) 40 + 10 overtime = 50 hours exist, but SO1 needs 60 by 12-13 and
    // bucket 1 holds at most 50, so 10 of SO1 must be made in bucket 0: 40 left for the quote.
    expect(q.promiseDate).toBe('2026-12-24');
    expect(q.promise.status).toBe('cannotMeet');
    expect(q.rushPremium).toBeNull();
    expect(q.promise.note).toContain('only 40 of 60 can be finished by 2026-12-06');
    expect(q.promise.note).toContain('ASSY (full with all its overtime from 2026-11-30)');
  });

  it('counts the units that can be finished in whole pieces', async () => {
    // The plant above with FG at 1.5 h per unit, in pcs. SO1 needs 60 × 1.5 = 90 h by 12-13; bucket 1
    // holds at most 40 + 10 = 50 h, so 40 h of SO1 are made in bucket 0, leaving 50 − 40 = 10 h
    // there: 10 / 1.5 = 6.67 units by 12-06, of which 6 whole pumps can ship (not "6.67").
    const p = plantOf({
      settings: { PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 6, SimulationRuns: 10 },
      sheets: {
        Items: [{ ItemId: 'FG', Type: 'Make', Uom: 'pcs' }],
        Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1.5 }],
        WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 30 }],
        Orders: [{ OrderId: 'SO1', Customer: 'A', Item: 'FG', Quantity: 60, DueDate: '2026-12-13' }],
        Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 60, RequestedDate: '2026-12-02' }],
      },
    });
    const [q] = await quote(p);
    expect(q.promise.status).toBe('cannotMeet');
    expect(q.promise.note).toContain('only 6 of 60 can be finished by 2026-12-06');
    expect(q.promise.noteZh).toContain('只能完成 60 件中的 6 件');
  });

  it('prices subcontracting when it is cheaper than overtime', async () => {
    const [q] = await quote(plant([{ QuoteId: 'Q1', Item: 'FG', Quantity: 25, RequestedDate: '2026-12-09' }], { subcontract: true }));
    // The 5 missing units by bucket 1: subcontracted at 12 each = 60, cheaper than 5 h × 30 = 150.
    // The promise itself is made in house as in the first test: 115 h → day 15, 12-18.
    expect(q.promiseDate).toBe('2026-12-18');
    expect(q.rushPremium).toBeCloseTo(60, 4);
  });

  it('an empty plant promises on capacity alone; no PlanStart, no promise', async () => {
    const [q, open] = await quote(plant([{ QuoteId: 'Q1', Item: 'FG', Quantity: 60, RequestedDate: '2026-12-31' }, { QuoteId: 'Q2', Item: 'FG', Quantity: 90 }], { orders: false }));
    // 40 h in bucket 0 + 40 h in bucket 1 ≥ 60 → bucket 1; scheduled from 11-30 08:00 on an idle
    // ASSY: ⌈60 / 8⌉ = day 8 → Wednesday 12-09. 90 units need a third week: ⌈90 / 8⌉ = day 12 →
    // Tuesday 12-15, no date asked.
    expect([q.promiseDate, q.promise.status, q.rushPremium]).toEqual(['2026-12-09', 'meetsRequest', 0]);
    expect([open.promiseDate, open.promise.status, open.rushPremium]).toEqual(['2026-12-15', 'promised', null]);
    const [none] = await quote(plant([{ QuoteId: 'Q1', Item: 'FG', Quantity: 60 }], { planStart: false }));
    expect([none.promiseDate, none.rushPremium, none.promise.status]).toEqual([null, null, 'noPromise']);
    expect(none.promise.note).toMatch(/needs Settings PlanStart/);
  });
});
