// What makes the quote's delivery promise cheap, checked on the real solver and the real schedule:
// each quote line's search starts from the firm orders' optimal basis (not from the last line's
// answer), and the promise date dispatches only the lots up to the line's last one.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/domain';
import type { SolverBackend } from '../../shared/lp/model';
import { openWhatIf } from '../../shared/plan/what-if';
import { finishInPlanOrder, schedulePlan } from '../../shared/schedule/schedule';
import { recordsToRows, samplePlant } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { highsBackend } from '../../service/solvers/highs';
import { PLAN_HIGHS_METHOD } from '../../service/jobs/plan';
import { plantOf } from './fixture';

/** The quote job's HiGHS backend, recording the simplex iterations of each run of its kept model. */
function recording(): { backend: SolverBackend; runs: number[] } {
  const inner = highsBackend(PLAN_HIGHS_METHOD, { presolve: false });
  const runs: number[] = [];
  return {
    backend: {
      ...inner,
      incremental: async (m) => {
        const lp = await inner.incremental!(m);
        return {
          ...lp,
          solve: (limit, primal) => {
            const s = lp.solve(limit, primal);
            runs.push(s.iterations);
            return s;
          },
        };
      },
    },
    runs,
  };
}

// ASSY 40 h a week (8 h × 5 days), up to 10 h overtime at 1/h; firm SO1 60 FG × 1 h due in bucket 1.
const plant = () =>
  plantOf({
    settings: { PlanStart: '2026-11-30', BucketDays: 7, HorizonBuckets: 6, SimulationRuns: 10 },
    sheets: {
      Items: [{ ItemId: 'FG', Type: 'Make' }],
      Routing: [{ Item: 'FG', OpSeq: 10, WorkCenter: 'ASSY', RunHoursPerUnit: 1 }],
      WorkCenters: [{ WorkCenterId: 'ASSY', HoursPerDay: 8, DaysPerWeek: 5, LabourRate: 50, MaxOvertimeHoursPerWeek: 10, OvertimeRate: 1 }],
      Orders: [{ OrderId: 'SO1', Customer: 'A', Item: 'FG', Quantity: 60, DueDate: '2026-12-13' }],
      Quotes: [{ QuoteId: 'Q1', Item: 'FG', Quantity: 45 }],
    },
  });

const line: Order = { row: 2, OrderId: 'QUOTE-Q1-1', Customer: 'Q1', Item: 'FG', Quantity: 45, DueDate: '2026-11-30', ReleaseDate: '2026-11-30', Priority: 5, Status: 'Approved', Notes: undefined, QuoteId: 'Q1', PartialOk: false };

describe('the promise’s speed-ups', () => {
  it('goes back to the firm orders’ optimal basis: asking their request again then takes no simplex iteration', async () => {
    const rec = recording();
    const engine = await openWhatIf(plant(), [line], () => rec.backend, () => performance.now());
    try {
      const firm = await engine.planFirm(60);
      const limits = engine.firmLimits(firm.values);
      const c0 = await engine.rush({ limits, premiumWeight: 100 }, 60);
      const qo = engine.plannedOf(line)!;
      const firmOnly = engine.mark();
      // 45 units finished early: in bucket 0 only 20 h are spare, so the line and SO1 move.
      const early = await engine.rush({ limits, order: qo, by: 5, finishEarly: true, premiumWeight: 100 }, 60);
      expect(early.short).toBe(0);
      // Without going back, the firm orders' request starts from the line's answer and pivots
      // (the line's schedules leave the basis)…
      let before = rec.runs.length;
      const again = await engine.rush({ limits, premiumWeight: 100 }, 60);
      expect(again.premium).toBeCloseTo(c0.premium, 6);
      expect(rec.runs.slice(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // …from the mark it is already optimal: the same answer, no iteration.
      await engine.rush({ limits, order: qo, by: 5, finishEarly: true, premiumWeight: 100 }, 60);
      firmOnly.back();
      before = rec.runs.length;
      const back = await engine.rush({ limits, premiumWeight: 100 }, 60);
      expect(back.premium).toBeCloseTo(c0.premium, 6);
      expect(rec.runs.slice(before).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      engine.dispose();
    }
  });

  it('finds each order’s finish from the lots up to its last alone, as the whole schedule has it when it keeps the plan’s order', async () => {
    const { plant: p, problems } = readPlant(recordsToRows(samplePlant()), 'quote');
    expect(problems).toEqual([]);
    const engine = await openWhatIf(p, [], () => highsBackend(PLAN_HIGHS_METHOD, { presolve: false }), () => performance.now());
    try {
      const sol = await engine.planFirm(60);
      const s = schedulePlan(p, engine.pm, sol.values, 0);
      // The sample's schedule keeps the plan's order (bucket by bucket), so every finish must agree.
      expect(s.rule).toBe('plan');
      const orders = engine.pm.orders.filter((o) => !o.blocked);
      expect(orders.length).toBeGreaterThan(40);
      for (const o of orders) expect([o.order.OrderId, finishInPlanOrder(p, engine.pm, sol.values, o) ?? null]).toEqual([o.order.OrderId, s.orders.get(o.order.OrderId)?.finishDate ?? null]);
    } finally {
      engine.dispose();
    }
  });
});
