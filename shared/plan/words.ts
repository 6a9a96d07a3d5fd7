// Planners' words for the plan's time buckets, by their length: a 7-day bucket is a week, a
// 14-day one is not.
import type { Buckets } from './buckets';

export interface Word {
  en: string;
  zh: string;
}

/** What one bucket is called: "week" for 7 days, "day" for 1, else "14-day period". */
export function bucketWord(b: Pick<Buckets, 'days' | 'offsets'>): Word {
  const even = b.offsets.every((o, t) => o === t * b.days || t === b.offsets.length - 1);
  if (!even) return { en: 'period', zh: '时段' };
  if (b.days === 7) return { en: 'week', zh: '周' };
  if (b.days === 1) return { en: 'day', zh: '日' };
  return { en: `${b.days}-day period`, zh: `${b.days} 天时段` };
}

/** English plural of a bucket word: week → weeks, 14-day period → 14-day periods. */
export const plural = (w: string, n: number): string => (n === 1 ? w : `${w}s`);
