// Delivery promises for the kinds of quote line the first version got wrong: a date that must be
// the same in the column and the note, an operation only a subcontractor can do, a bought item
// (a trading good), stock of the finished item. Worked out by hand on a one-work-center plant.
import { describe, expect, it } from 'vitest';
import { runQuote, type QuoteJson } from '../../service/jobs/quote';
import type { BackendName } from '../../service/solvers/index';
import { plantOf } from './fixture';

// ASSY: 8 h × 5 days = 40 h a week, up to 10 h overtime at 30/h. Weekly buckets from Monday
// 2026-11-30: bucket 0 = 11-30 … 12-06, 1 = 12-07 … 12-13, 2 = 12-14 … 12-20, 3 = 12-21 … 12-27.
// Firm SO1: 60 FG × 1 h due 12-13 → 40 h in bucket 0, 20 h in bucket 1: 20 h spare by bucket 1,
// then 40 h a week.
// The promise date is the day the quote's last operation ends in the day-by-day schedule: ASSY
// works 08:00–16:00 Mon–Fri, one lane. In the dispatcher's order SO1 (priority 3) runs first from
// 11-30 08:00, then the quote (priority 5), so the quote ends on working day ⌈(60 + its hours) / 8⌉.
// Working days: 1–5 = 11-30 … 12-04, 6–10 = 12-07 … 12-11, 11–15 = 12-14 … 12-18, 16–20 = 12-21 … 12-25.
const plant = (sheets: Record<string, Record<string, unknown>[]>) =>
  plantOf({
    settings: { PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 6, SimulationRuns: 10 },
    sheets: {
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 30 }],
      Orders: [{ OrderId: 'SO1', Customer: 'A', Item: 'FG', Quantity: 60, DueDate: '2026-12-13' }],
      ...sheets,
    },
  });
const quote = async (p: ReturnType<typeof plant>, solver?: BackendName) => (await runQuote(p, { lang: 'en', solver })).json.quotes as QuoteJson[];

describe('delivery promise kinds', () => {
  it('states the promise date of the column in its note, also when the requested day is promised', async () => {
    // 30 units need bucket 2 (20 spare h by bucket 1, 60 by bucket 2). Scheduled: 60 + 30 = 90 h,
    // ⌈90 / 8⌉ = day 12 → Tuesday 12-15, on or before both requested days (12-16, 12-25): met, and
    // the note states 12-15, the column's date (not the bucket's end 12-20, nor the requested day).
    const [same, later] = await quote(plant({ Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 30, RequestedDate: '2026-12-16' }, { QuoteId: 'Q2', Item: 'FG', Quantity: 30, RequestedDate: '2026-12-25' }] }));
    expect([same.promiseDate, same.promise.status]).toEqual(['2026-12-15', 'meetsRequest']);
    expect(same.promise.note).toMatch(/^promise 2026-12-15 /);
    expect(same.promise.noteZh).toMatch(/^承诺交期 2026-12-15（/);
    expect(same.promise.note).not.toContain('2026-12-20 (');
    expect([later.promiseDate, later.promise.status]).toEqual(['2026-12-15', 'meetsRequest']);
    expect(later.promise.note).toMatch(/^promise 2026-12-15 /);
  });

  it('promises a line with an operation only a subcontractor can do, and does not charge that subcontracting again', async () => {
    // FG also goes to PAINT (OpSeq 20), a work center with no hours of its own: subcontract only,
    // 12 a unit, back in 0 days. The roll-up costs it as subcontract (12 a unit); the promise
    // must not count it as a rush premium (before, it did: no promise at all). 10 units: 10 h of
    // ASSY; by the end of bucket 0 SO1 (due in bucket 1) needs at most 60 − 40 = 20 of its hours
    // there, so 40 − 20 = 20 h are spare already in bucket 0 → bucket 0, and the requested 12-13
    // is met at no premium. Scheduled: that plan makes 30 of SO1 and the 10 in bucket 0, the rest
    // of SO1 in bucket 1; bucket by bucket (the plan's order, kept: priority-weighted lateness 4
    // against 10 for SO1's 60 h first) ASSY runs SO1 30 h then the quote 10 h: 40 h = day 5,
    // Friday 12-04 16:00, and PAINT, 0 days away, the same day → 12-04.
    const p = plant({
      Routing: [
        { Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 },
        { Item: 'FG', OpSeq: 20, WorkCenter: 'PAINT', RunHoursPerUnit: 0.5, Subcontract: 'Y', SubcontractCostPerUnit: 12, SubcontractLeadDays: 0 },
      ],
      WorkCenters: [
        { WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 30 },
        { WorkCenterId: 'PAINT', HoursPerDay: 0, LabourRate: 40 },
      ],
      Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 10, RequestedDate: '2026-12-13' }],
    });
    const [q] = await quote(p);
    expect(q.breakdown.subcontract).toBeCloseTo(12, 6); // 12 a unit, in the cost already
    expect([q.promiseDate, q.promise.status, q.rushPremium]).toEqual(['2026-12-04', 'meetsRequest', 0]);
  });

  it('promises a bought item (a trading good) from stock and a purchase within its lead time', async () => {
    // TG: 5 on hand, S1 delivers in 7 days (a purchase placed 11-30 arrives in bucket 1, 12-07).
    // 12 TG requested 12-11 (bucket 1): 5 from stock + 7 bought → met, no work, no premium.
    // 12 TG requested 12-02 (bucket 0): only 5 are there → cannot meet, the material named.
    // No operation: the schedule ships the 5 on 11-30 and the 7 as the purchase arrives, 11-30 +
    // 7 days = 12-07; the last shipment is the promise, 12-07, for both lines.
    const p = plant({
      Items: [{ ItemId: 'FG', Type: 'Make' }, { ItemId: 'TG', Type: 'Buy', OnHand: 5, StdCost: 3 }],
      Suppliers: [{ SupplierId: 'S1', Name: 'One', Approved: 'Y' }],
      SupplierItems: [{ Supplier: 'S1', Item: 'TG', UnitPrice: 3, LeadTimeDays: 7, SharePct: 100 }],
      Quotes: [{ QuoteId: 'Q1', Item: 'TG', Quantity: 12, RequestedDate: '2026-12-11' }, { QuoteId: 'Q2', Item: 'TG', Quantity: 12, RequestedDate: '2026-12-02' }],
    });
    const [ok, early] = await quote(p);
    expect([ok.promiseDate, ok.promise.status, ok.rushPremium]).toEqual(['2026-12-07', 'meetsRequest', 0]);
    expect(ok.promise.note).not.toContain('bought, not made');
    expect([early.promiseDate, early.promise.status]).toEqual(['2026-12-07', 'cannotMeet']);
    expect(early.promise.note).toContain('TG');
  });

  it('promises a finished item in stock on PlanStart', async () => {
    // FG: 100 on hand, SO1 takes 60 first (a firm order), 40 are left: a quote of 30 ships from
    // stock on 11-30; one of 50 does not fit in stock and is made (10 from stock… no: the quote
    // takes the 40 left and makes 10 → 10 h, spare 20 h by bucket 1 → 12-13).
    const p = plant({
      Items: [{ ItemId: 'FG', Type: 'Make', OnHand: 100 }],
      Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 30 }, { QuoteId: 'Q2', Item: 'FG', Quantity: 50 }],
    });
    const [stock, part] = await quote(p);
    expect([stock.promiseDate, stock.promise.status]).toEqual(['2026-11-30', 'promised']);
    expect(stock.promise.note).toContain('from stock');
    // SO1 ships from stock too, so ASSY is free: the 10 made units fit in bucket 0; scheduled
    // from 11-30 08:00, 10 h = 8 h Monday + 2 h Tuesday → 12-01.
    expect([part.promiseDate, part.promise.status]).toEqual(['2026-12-01', 'promised']);
  });

  it('gives the same promises whichever solver answers the what-ifs (HiGHS session or whole LPs)', async () => {
    const p = plant({ Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 25, RequestedDate: '2026-12-09' }, { QuoteId: 'Q2', Item: 'FG', Quantity: 70, RequestedDate: '2026-12-02' }] });
    const pick = (qs: QuoteJson[]) => qs.map((q) => [q.promiseDate, q.promise.status, q.rushPremium === null ? null : Math.round(q.rushPremium * 1000) / 1000, q.promise.note]);
    // 25 units: 20 spare h by bucket 1, 5 more as overtime: 5 × 30 = 150 to meet 12-09 (bucket 1).
    // Promise scheduled: 60 + 25 = 85 h, ⌈85 / 8⌉ = day 11 → Monday 12-14.
    expect(pick(await quote(p, 'highs'))[0].slice(0, 3)).toEqual(['2026-12-14', 'rushable', 150]);
    expect(pick(await quote(p, 'highs'))).toEqual(pick(await quote(p, 'jslp')));
  });
});
