// Planning buckets: t = 0..count−1, each `days` long, from PlanStart (DESIGN.md §3).
import type { SettingsValues } from '../contract';
import { addDays, bucketOf, type Day } from '../dates';

export interface Buckets {
  start: Day;
  days: number;
  count: number;
}

export function bucketsOf(settings: SettingsValues): Buckets {
  return { start: settings.PlanStart as Day, days: settings.BucketDays, count: settings.HorizonBuckets };
}

export const bucketStart = (b: Buckets, t: number): Day => addDays(b.start, t * b.days);
/** Last day of bucket t: an order finishing in t is reported finished on this day. */
export const bucketEnd = (b: Buckets, t: number): Day => addDays(b.start, (t + 1) * b.days - 1);
/** The bucket a day falls in; negative before PlanStart, ≥ count after the horizon. */
export const bucketIndex = (b: Buckets, d: Day): number => bucketOf(d, b.start, b.days);
/** Whole buckets needed to cover a lead time in days (0 days → 0 buckets). */
export const leadBuckets = (b: Buckets, leadDays: number): number => Math.ceil(leadDays / b.days - 1e-9);
