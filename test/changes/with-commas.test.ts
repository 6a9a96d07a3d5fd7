// The thousands commas of a what-if's money figures (the summary line, a rush order's extra cost,
// the CLI's lines) are written without Intl: the same text as toLocaleString('en') for the whole
// numbers they show.
import { describe, expect, it } from 'vitest';
import { withCommas } from '../../shared/changes/compare';

describe('withCommas', () => {
  it('groups digits by three as toLocaleString("en") does', () => {
    const values = [0, 7, 99, 999, 1000, 1001, 22100, 99999, 100000, 999999, 1000000, 31175, 123456789, 2 ** 31, -1, -1000, -987654];
    for (const v of values) expect(withCommas(v), String(v)).toBe(v.toLocaleString('en'));
    // 22100 → "22,100": the sample what-if's lateness cost line
    expect(withCommas(22100)).toBe('22,100');
  });
});
