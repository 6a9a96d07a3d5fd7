// Which one-shot runs compile HiGHS with V8's baseline compiler only (service/cli.ts): small books
// do (the solve is too short for the optimising tier to pay back its compile), large books and the
// long-lived worker do not. Sizes are given, so the rule is checked without files.
import { describe, expect, it } from 'vitest';
import { baselineWasmOnly } from '../../service/cli';

const sizes: Record<string, number> = { 'small.xlsx': 90_000, 'big.xlsx': 180_000, 'earlier.xlsx': 10_000 };
const sizeOf = (f: string) => {
  if (!(f in sizes)) throw new Error('ENOENT');
  return sizes[f];
};

describe('the Wasm tier of a one-shot command', () => {
  it('takes the baseline compiler for a small book and the optimising tier for a large one', () => {
    expect(baselineWasmOnly(['plan', 'small.xlsx', '--json'], sizeOf)).toBe(true);
    expect(baselineWasmOnly(['plan', 'big.xlsx', '--json'], sizeOf)).toBe(false);
    expect(baselineWasmOnly(['quote', '--lang', 'zh', 'big.xlsx'], sizeOf)).toBe(false);
  });
  it('judges the book planned, not a workbook compared with', () => {
    expect(baselineWasmOnly(['plan', 'big.xlsx', '--compare', 'earlier.xlsx'], sizeOf)).toBe(false);
    expect(baselineWasmOnly(['plan', '--compare', 'earlier.xlsx', 'big.xlsx'], sizeOf)).toBe(false);
    expect(baselineWasmOnly(['plan', '--out', 'earlier.xlsx', 'big.xlsx'], sizeOf)).toBe(false);
  });
  it('keeps the optimising tier in the long-lived worker', () => {
    expect(baselineWasmOnly(['worker'], sizeOf)).toBe(false);
  });
  it('takes the baseline when there is no book or it cannot be read (the command reports that)', () => {
    expect(baselineWasmOnly(['--help'], sizeOf)).toBe(true);
    expect(baselineWasmOnly(['plan', 'missing.xlsx'], sizeOf)).toBe(true);
  });
});
