// Scorecard periods: a quarter (2026-Q3), a month (2026-09), a year (2026) or an explicit range
// (2026-07-01..2026-09-30), each with its "previous period of the same length" for the trend.
import { addDays, daysBetween, type Day, toDay } from '../dates';

export type PeriodKind = 'quarter' | 'month' | 'year' | 'range';

export interface Period {
  /** the text that names it; SupplierRatings rows whose Period equals this key belong to it */
  key: string;
  kind: PeriodKind;
  /** first and last day, both included */
  from: Day;
  to: Day;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Last day of month m (1–12): the day before the first of the next month. */
const lastDayOfMonth = (y: number, m: number): Day => addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1);

export function quarter(y: number, q: number): Period {
  const m = (q - 1) * 3 + 1;
  return { key: `${y}-Q${q}`, kind: 'quarter', from: `${y}-${pad(m)}-01`, to: lastDayOfMonth(y, m + 2) };
}

export function month(y: number, m: number): Period {
  return { key: `${y}-${pad(m)}`, kind: 'month', from: `${y}-${pad(m)}-01`, to: lastDayOfMonth(y, m) };
}

export const year = (y: number): Period => ({ key: String(y), kind: 'year', from: `${y}-01-01`, to: `${y}-12-31` });

export const range = (from: Day, to: Day): Period => ({ key: `${from}..${to}`, kind: 'range', from, to });

/** Parse a period as users type it; undefined when it is none of the accepted forms. */
export function parsePeriod(text: string): Period | undefined {
  const s = text.trim();
  let m = s.match(/^(\d{4})-?Q([1-4])$/i);
  if (m) return quarter(Number(m[1]), Number(m[2]));
  m = s.match(/^(\d{4})-(\d{1,2})$/);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return month(Number(m[1]), Number(m[2]));
  m = s.match(/^(\d{4})$/);
  if (m) return year(Number(m[1]));
  m = s.match(/^(.+?)\s*(?:\.\.|~|到|至)\s*(.+)$/);
  if (m) {
    const from = toDay(m[1]);
    const to = toDay(m[2]);
    if (from && to && from <= to) return range(from, to);
  }
  return undefined;
}

/** The period just before, of the same kind (a range: the same number of days ending the day before). */
export function previousPeriod(p: Period): Period {
  const [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  switch (p.kind) {
    case 'quarter': {
      const q = (m - 1) / 3 + 1;
      return q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
    }
    case 'month':
      return m === 1 ? month(y - 1, 12) : month(y, m - 1);
    case 'year':
      return year(y - 1);
    case 'range': {
      const days = daysBetween(p.from, p.to) + 1;
      return range(addDays(p.from, -days), addDays(p.from, -1));
    }
  }
}

export const quarterOf = (d: Day): Period => quarter(Number(d.slice(0, 4)), Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1);

export const inPeriod = (d: Day, p: Period): boolean => d >= p.from && d <= p.to;
