// Small plants whose plans can be worked out by hand. Weeks from Monday 2026-01-05:
//   bucket 0 = 01-05 … 01-11, bucket 1 = 01-12 … 01-18, bucket 2 = 01-19 … 01-25, bucket 3 = 01-26 … 02-01.
// Lateness: LatePenaltyPerUnitDay 10 × priority weight (1→16, 2→8, 3→4, 4→2, 5→1) × 7 days per bucket late.
import { expect } from 'vitest';
import type { Plant } from '../../shared/domain';
import { jslpBackend } from '../../service/solvers/jslp';
import { relativeGap } from '../../shared/lp/check';
import type { OrderPlan, PlanResult } from '../../shared/plan/extract';
import { solvePlan, type PlanOutcome } from '../../shared/plan/solve-plan';
import { recordsToRows, type PlantRecords } from '../../shared/sample-plant';
import { readPlant } from '../../shared/validate';
import { pickBackend } from '../../service/solvers/index';

type Rec = Record<string, unknown>;

export const START = '2026-01-05';

/** A plant of the given sheets with Settings for 4 weekly buckets from START and lateness 10/unit/day. */
export function records(sheets: Record<string, Rec[]>, settings: Rec = {}): PlantRecords {
  return { settings: { PlanStart: START, BucketDays: 7, HorizonBuckets: 4, LatePenaltyPerUnitDay: 10, ...settings }, sheets };
}

export function plantOf(r: PlantRecords): Plant {
  const { plant, problems } = readPlant(recordsToRows(r), 'plan');
  expect(problems).toEqual([]);
  return plant;
}

/** One work center of `hoursPerDay` × 5 days, i.e. 5 × hoursPerDay hours a week. */
export const wc = (id: string, hoursPerDay: number, extra: Rec = {}): Rec => ({ WorkCenterId: id, HoursPerDay: hoursPerDay, ...extra });
export const order = (OrderId: string, Item: string, Quantity: number, DueDate: string, Priority = 3, extra: Rec = {}): Rec => ({
  OrderId,
  Customer: 'C',
  Item,
  Quantity,
  DueDate,
  Priority,
  ...extra,
});

/**
 * Plans with HiGHS and, when the model is small, checks javascript-lp-solver reaches the same
 * objective (the backends must agree within a relative gap of 1e-6).
 */
export async function plan(r: PlantRecords, opts: { includeDrafts?: boolean; lang?: 'en' | 'zh' } = {}): Promise<PlanOutcome> {
  const plant = plantOf(r);
  const out = await solvePlan(plant, { clock: () => performance.now(), lang: opts.lang ?? 'en', includeDrafts: opts.includeDrafts, backend: (m) => pickBackend('highs', m) });
  if (out.stats.variables > 0 && out.stats.variables <= 300) {
    const js = await solvePlan(plant, { clock: () => performance.now(), lang: 'en', includeDrafts: opts.includeDrafts, backend: () => jslpBackend });
    expect(js.stats.solver).toBe('jslp');
    expect(relativeGap(js.json.objective as number, out.json.objective as number)).toBeLessThan(1e-6);
  }
  return out;
}

export const orderOf = (r: PlanResult, id: string): OrderPlan => {
  const o = r.orders.find((x) => x.orderId === id);
  expect(o, id).toBeDefined();
  return o!;
};

export const loadOf = (r: PlanResult, workCenter: string, bucketStart: string) => {
  const l = r.load.find((x) => x.workCenter === workCenter && x.bucketStart === bucketStart);
  expect(l, `${workCenter} ${bucketStart}`).toBeDefined();
  return l!;
};
