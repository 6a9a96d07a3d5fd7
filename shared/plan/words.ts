// Planners' words for the plan's time buckets, by their length: a 7-day bucket is a week, a
// 14-day one is not.
import { addDays } from '../dates';
import { bucketIndex, bucketStart, type Buckets } from './buckets';

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

/**
 * Why a purchase is usable later than its lead time: the plan counts it from the first bucket
 * that starts on or after its arrival. ", arrives 07-16 if bought on 07-06, used from the bucket
 * of 07-20" — empty when the lead time ends on a bucket start.
 */
export function usableFrom(b: Buckets, leadDays: number): Word {
  const arrives = addDays(b.start, leadDays);
  const t = bucketIndex(b, arrives);
  if (leadDays <= 0 || bucketStart(b, t) === arrives || t + 1 >= b.count) return { en: '', zh: '' };
  const next = bucketStart(b, t + 1);
  return {
    en: `: bought on ${b.start} it arrives ${arrives}, and the plan counts it from the next ${bucketWord(b).en}, ${next}`,
    zh: `：${b.start} 下单则 ${arrives} 到货，计划按下一${bucketWord(b).zh}（${next}）起可用`,
  };
}

/** Count and pack words in Chinese, for units a plant types in English; others (kg, m …) stay as typed. */
const UOM_ZH: Record<string, string> = {
  '': '件', pc: '件', pcs: '件', piece: '件', pieces: '件', ea: '件', each: '件', unit: '件', units: '件',
  set: '套', sets: '套', box: '盒', boxes: '盒', bag: '袋', bags: '袋', roll: '卷', rolls: '卷',
  pair: '双', pairs: '双', pack: '包', packs: '包', carton: '箱', cartons: '箱', ctn: '箱',
};

/** An item's unit in words: its Uom (a blank one counts whole pieces), English count words in Chinese. */
export function uomWord(uom: string | undefined): Word {
  const u = (uom ?? '').trim();
  return { en: u || 'pcs', zh: UOM_ZH[u.toLowerCase()] ?? u };
}
