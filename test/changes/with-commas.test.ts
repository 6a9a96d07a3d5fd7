// The what-if's money figures (the summary line, a rush order's extra cost, the CLI's lines) are
// written without Intl: whole units, a sign, and the thousands commas toLocaleString('en') puts.
import { describe, expect, it } from 'vitest';
import { signedWhole } from '../../shared/changes/compare';

describe('signedWhole', () => {
  it('groups digits by three as toLocaleString("en") does, after a sign', () => {
    const values = [7, 99, 999, 1000, 1001, 22100, 99999, 100000, 999999, 1000000, 31175, 123456789, 2 ** 31];
    for (const v of values) {
      expect(signedWhole(v), String(v)).toBe(`+${v.toLocaleString('en')}`);
      expect(signedWhole(-v), String(-v)).toBe(`−${v.toLocaleString('en')}`);
    }
  });
  it('rounds to whole units first, and 0 takes the sign given', () => {
    expect(signedWhole(4199.5)).toBe('+4,200'); // 4199.5 rounds up to 4,200
    expect(signedWhole(-0.4)).toBe('+0'); // rounds to 0: no minus sign
    expect(signedWhole(0.3, '±')).toBe('±0');
  });
});
