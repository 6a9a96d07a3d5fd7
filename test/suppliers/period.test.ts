// Periods as users type them, and the previous period of the same length (for the trend).
import { describe, expect, it } from 'vitest';
import { largestRemainder, parsePeriod, previousPeriod, quarterOf } from '../../shared/suppliers';

describe('periods', () => {
  it('parses quarters, months, years and ranges', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ key: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2026q4')).toMatchObject({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('2026-09')).toEqual({ key: '2026-09', kind: 'month', from: '2026-09-01', to: '2026-09-30' });
    expect(parsePeriod('2028-2')).toMatchObject({ key: '2028-02', to: '2028-02-29' }); // leap year
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-07-01..2026-09-30')).toEqual({ key: '2026-07-01..2026-09-30', kind: 'range', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2026/7/1 至 2026/9/30')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    for (const bad of ['2026-Q5', '2026-13', '2026-09-30..2026-07-01', 'last quarter', '', '2026-02-30..2026-03-01'])
      expect(parsePeriod(bad), bad).toBeUndefined();
  });

  it('previous period has the same length', () => {
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-Q3')!).key).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-03')!)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(parsePeriod('2026')!).key).toBe('2025');
    // 10 days (Sep 21..30) → the 10 days before: Sep 11..20
    expect(previousPeriod(parsePeriod('2026-09-21..2026-09-30')!)).toMatchObject({ from: '2026-09-11', to: '2026-09-20' });
    expect(quarterOf('2026-12-31').key).toBe('2026-Q4');
    expect(quarterOf('2026-04-01').key).toBe('2026-Q2');
  });
});

describe('largest remainder', () => {
  it('whole percents summing to exactly 100', () => {
    // 1:1:1 → 33.33 each → 33, 33, 33 + the 1 left over to the first (equal remainders and weights)
    expect(largestRemainder([1, 1, 1])).toEqual([34, 33, 33]);
    // 85.55 : 72.96 → 53.97, 46.03 → 53 + 1, 46
    expect(largestRemainder([85.55, 72.96])).toEqual([54, 46]);
    // 2 : 1 : 1 → 50, 25, 25 exactly
    expect(largestRemainder([2, 1, 1])).toEqual([50, 25, 25]);
    // 10 : 20 : 30 : 37 → 10.31, 20.62, 30.93, 38.14 → floors 10+20+30+38 = 98; remainders .93, .62 win → 10, 21, 31, 38
    expect(largestRemainder([10, 20, 30, 37])).toEqual([10, 21, 31, 38]);
    expect(largestRemainder([0, 0])).toEqual([50, 50]);
    expect(largestRemainder([42])).toEqual([100]);
    expect(largestRemainder([])).toEqual([]);
    for (const w of [[1, 1, 1, 1, 1, 1, 1], [99.99, 0.01, 0.01], [3, 7, 11, 13, 17, 19]]) expect(largestRemainder(w).reduce((a, b) => a + b, 0)).toBe(100);
  });
});
