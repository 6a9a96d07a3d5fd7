// Planning buckets (docs/design.md §3): t = 0..count−1 from PlanStart, each BucketDays long — or,
// time-phased as APS systems do, the first `fineBuckets` of BucketDays and the rest of the
// horizon in buckets twice as long (the horizon still ends on the same day). Near-term detail
// where decisions are made, a smaller model further out.
import type { SettingsValues } from '../contract';
import { addDays, daysBetween, type Day } from '../dates';

export interface Buckets {
  start: Day;
  /** BucketDays: the length of a fine bucket (every bucket unless time-phased) */
  days: number;
  count: number;
  /** days from start to the first day of each bucket, then to the day after the horizon (count + 1 entries) */
  offsets: number[];
}

export interface Phasing {
  /** buckets of BucketDays at the start; the rest of the horizon is in buckets of 2 × BucketDays */
  fineBuckets: number;
}

export function bucketsOf(settings: SettingsValues, phasing?: Phasing): Buckets {
  const days = settings.BucketDays;
  const horizon = settings.HorizonBuckets * days;
  const offsets = [0];
  const fine = phasing ? Math.max(0, Math.floor(phasing.fineBuckets)) : Infinity;
  while (offsets[offsets.length - 1] < horizon) {
    const t = offsets.length - 1;
    offsets.push(Math.min(horizon, offsets[t] + (t < fine ? days : 2 * days)));
  }
  return { start: settings.PlanStart as Day, days, count: offsets.length - 1, offsets };
}

/** Days from PlanStart to the first day of bucket t; buckets before and after the horizon are BucketDays long. */
export function bucketOffset(b: Buckets, t: number): number {
  if (t < 0) return t * b.days;
  if (t > b.count) return b.offsets[b.count] + (t - b.count) * b.days;
  return b.offsets[t];
}

export const bucketStart = (b: Buckets, t: number): Day => addDays(b.start, bucketOffset(b, t));
/** Last day of bucket t: an order finishing in t is reported finished on this day. */
export const bucketEnd = (b: Buckets, t: number): Day => addDays(b.start, bucketOffset(b, t + 1) - 1);

/** The bucket a day falls in; negative before PlanStart, ≥ count after the horizon. */
export const bucketIndex = (b: Buckets, d: Day): number => bucketOfDay(b, daysBetween(b.start, d));

/** The bucket of the day `off` days after PlanStart (as bucketIndex, without naming the day). */
export function bucketOfDay(b: Buckets, off: number): number {
  const end = b.offsets[b.count];
  if (off < 0) return Math.floor(off / b.days);
  if (off >= end) return b.count + Math.floor((off - end) / b.days);
  let lo = 0;
  let hi = b.count - 1; // largest t with offsets[t] ≤ off
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b.offsets[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The bucket something started in bucket t is back in after `leadDays`: the first bucket that
 * begins at least leadDays after t begins (t itself for 0 days). With equal buckets this is
 * t + ⌈leadDays / BucketDays⌉.
 */
export function arrivalBucket(b: Buckets, t: number, leadDays: number): number {
  const target = bucketOffset(b, t) + leadDays;
  let u = t;
  while (bucketOffset(b, u) < target - 1e-9) u++;
  return u;
}

/** Whole buckets needed to cover a lead time from PlanStart (0 days → 0). */
export const leadBuckets = (b: Buckets, leadDays: number): number => arrivalBucket(b, 0, leadDays);

/** Days between the starts of two buckets (lateness of finishing in t when due in d). */
export const daysBetweenBuckets = (b: Buckets, d: number, t: number): number => bucketOffset(b, t) - bucketOffset(b, d);
