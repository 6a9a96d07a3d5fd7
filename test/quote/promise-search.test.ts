// How many what-ifs the delivery promise asks (each one a re-solve of the kept HiGHS model): the
// quote's speed is mostly this count and one day-by-day schedule per line. Counted on the real
// solver by wrapping its kept model: every request sets the row bounds once (session.ts).
import { describe, expect, it } from 'vitest';
import type { SolverBackend } from '../../shared/lp/model';
import { promiseDeliveries } from '../../shared/quote/promise';
import { costQuotes } from '../../shared/quote/quote';
import { highsBackend } from '../../service/solvers/highs';
import { PLAN_HIGHS_METHOD } from '../../service/jobs/plan';
import { plantOf } from './fixture';

/** The HiGHS backend of the quote job, counting the requests its kept model answers. */
function counting(): { backend: SolverBackend; requests: () => number } {
  const inner = highsBackend(PLAN_HIGHS_METHOD, { presolve: false });
  let n = 0;
  return {
    backend: {
      ...inner,
      incremental: async (m) => {
        const lp = await inner.incremental!(m);
        return { ...lp, setRows: (r, lo, up) => (n++, lp.setRows(r, lo, up)) };
      },
    },
    requests: () => n,
  };
}

// ASSY: 8 h × 5 days = 40 h a week, up to 10 h overtime at 1/h; weekly buckets from Monday
// 2026-11-30 (bucket 0 = 11-30 … 12-06, 1 = 12-07 … 12-13, 2 = 12-14 … 12-20, …, 5 = 01-04 … 01-10).
// Firm SO1: 60 FG × 1 h due 12-13 → 40 h in bucket 0, 20 h in bucket 1: 20 h spare by bucket 1,
// 60 h by bucket 2. FG also needs 1 RM at 1000.00 (bought in 0 days): the first what-if's weight
// on finishing early, which must outweigh the line's own tie-breakers (purchases just in time), is
// 2 × (0.001 × 1000 × (1 + 0.1 × 5 / 6) + 0.001) = 2.17 a unit and bucket, above the 1.00 an
// hour of overtime — at plain rates the first what-if bought earliness with overtime.
const plant = (quotes: Record<string, unknown>[]) =>
  plantOf({
    settings: { PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 6, SimulationRuns: 10 },
    sheets: {
      Items: [
        { ItemId: 'FG', Type: 'Make' },
        { ItemId: 'RM', Type: 'Buy', StdCost: 1000 },
      ],
      BOM: [{ Parent: 'FG', Component: 'RM', QtyPer: 1 }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 1 }],
      Orders: [{ OrderId: 'SO1', Customer: 'A', Item: 'FG', Quantity: 60, DueDate: '2026-12-13' }],
      Quotes: quotes,
    },
  });

describe('the promise search', () => {
  it('asks the firm plan, the firm orders’ least premium, then at most three what-ifs a line, also when overtime is cheap', async () => {
    const p = plant([
      { QuoteId: 'Q1', Item: 'FG', Quantity: 25, RequestedDate: '2026-12-09' },
      { QuoteId: 'Q2', Item: 'FG', Quantity: 45, RequestedDate: '2026-12-04' },
      { QuoteId: 'Q3', Item: 'FG', Quantity: 10 },
    ]);
    const { quotes } = costQuotes(p);
    const c = counting();
    const [q1, q2, q3] = await promiseDeliveries(p, quotes, () => c.backend, () => performance.now());
    // 25 units: 20 spare h by bucket 1 are too few, 60 by bucket 2 enough → bucket 2 (12-14 … 12-20);
    // 12-09 (bucket 1) needs 5 h of overtime: 5 × 1 = 5. Requests: first, bucket 1 (the bucket
    // before, and the requested one) = 2.
    expect([q1.status, q1.rushPremium?.toFixed(2)]).toEqual(['rushable', '5.00']);
    expect(q1.note).toContain('planned in the week 2026-12-14 – 2026-12-20');
    // 45 units: 60 spare h by bucket 2 → bucket 2; 12-04 (bucket 0) would need 45 h of bucket 0's
    // 50 (with overtime) while SO1 needs 60 − 50 = 10 of them: only 40 can be made. Requests:
    // first, bucket 1 = 2: bucket 1's answer (also 40 made, 5 short) makes its 40 in bucket 0, so
    // it is bucket 0's best answer as well (the same costs, and a plan that finishes by bucket 0).
    expect(q2.status).toBe('cannotMeet');
    expect(q2.note).toContain('planned in the week 2026-12-14 – 2026-12-20');
    expect(q2.note).toContain('only 40 of 45 can be finished by 2026-12-06');
    // 10 units: SO1 may finish in bucket 1 (its due bucket, its finish in the plan), which holds
    // 40 h, so only 20 of its hours must stay in bucket 0: 20 h spare there → bucket 0. Requests:
    // first (bucket 0; nothing before it) = 1.
    expect(q3.status).toBe('promised');
    expect(q3.note).toContain('planned in the week 2026-11-30 – 2026-12-06');
    // 2 for the firm orders + 2 + 2 + 1 for the lines. Before the first what-if priced overtime
    // 100 × over it asked 14: its first answers bought earliness with overtime (not free), and
    // each such line went to a bisection over the horizon.
    expect(c.requests()).toBe(2 + 2 + 2 + 1);
  });
});
