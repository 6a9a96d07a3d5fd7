// Objective coefficients of the plan LP (docs/design.md §3), in one place so tests can work answers
// out by hand with the same numbers.

/** Priority 1 → 16, 2 → 8, 3 → 4, 4 → 2, 5 → 1. */
export const priorityWeight = (priority: number): number => 2 ** (5 - Math.min(5, Math.max(1, Math.round(priority))));

/** Per unit finished one bucket before its due bucket: keeps work from being pulled forward for nothing. */
export const EARLINESS_PER_UNIT_BUCKET = 0.01;
/** Per order-unit-equivalent waiting one bucket between operations (ties broken towards just in time). */
export const WIP_PER_UNIT_BUCKET = 0.001;
/** Overtime hour cost when OvertimeRate is 0: free overtime is still not used for nothing. */
export const MIN_OVERTIME_COST = 0.01;
/**
 * An extra purchase costs this fraction of the unit price (at least 1e-3 per unit): a small
 * premium so stock and open POs are used first, far below any lateness it avoids. It falls by up
 * to a tenth over the horizon so purchases arrive as late as they can (just in time).
 */
export const PURCHASE_PREMIUM_FRACTION = 0.001;
export const purchaseCost = (unitPrice: number, t: number, buckets: number): number =>
  Math.max(1e-3, PURCHASE_PREMIUM_FRACTION * unitPrice) * (1 + (0.1 * (buckets - 1 - t)) / Math.max(1, buckets));

/** Cost of one unit of an order finishing in bucket t when due in bucket d, `daysLate` days after its due bucket starts. */
export const finishCost = (weight: number, latePenaltyPerUnitDay: number, daysLate: number, t: number, d: number): number =>
  t > d ? weight * latePenaltyPerUnitDay * daysLate : EARLINESS_PER_UNIT_BUCKET * (d - t);

/**
 * Cost of a unit not finished within the horizon. ShortPenaltyPerUnit × weight when set; by
 * default twice the lateness of finishing one bucket after the horizon, plus ten times the most the
 * order's unit could cost to make (subcontracting, overtime, purchases), so finishing late and
 * paying for overtime or subcontracting both always beat leaving it unmade.
 */
export function shortCost(
  o: { weight: number; makeCostPerUnit: number; /** days from the due bucket's start to the end of the bucket after the horizon */ daysToAfterHorizon: number },
  settings: { latePenalty: number; shortPenalty?: number; bucketDays: number },
): number {
  if (settings.shortPenalty !== undefined) return o.weight * settings.shortPenalty;
  const lateAfterHorizon = settings.latePenalty * o.daysToAfterHorizon;
  return o.weight * 2 * Math.max(lateAfterHorizon, settings.bucketDays) + 10 * o.makeCostPerUnit + 1;
}
