// The LP builder's flat arrays: a row written entry by entry equals the same row given as arrays,
// room reserved up front or grown on the way gives the same model, and names are kept once per
// run of one name yet read back per column and row.
import { describe, expect, it } from 'vitest';
import { LpBuilder, type LpModel } from '../../shared/lp/model';

/** A model of `cols` columns and rows of 1–5 entries with repeats and cancelling pairs, the same for every builder. */
function fill(b: LpBuilder, cols: number, rows: number, byEntry: boolean) {
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let j = 0; j < cols; j++) b.addVar(`x_${j % 7}`, j * 0.5, j % 3 ? Infinity : 10, j % 4);
  for (let i = 0; i < rows; i++) {
    const index: number[] = [];
    const coef: number[] = [];
    for (let k = 0, n = 1 + rand(5); k < n; k++) index.push(rand(cols)), coef.push(rand(7) - 3);
    if (i % 5 === 0) index.push(index[0]), coef.push(-coef.reduce((s, c, k) => (index[k] === index[0] ? s + c : s), 0)); // sums column 0 to zero
    if (byEntry) {
      for (let k = 0; k < index.length; k++) b.entry(index[k], coef[k]);
      b.endRow(`r_${i % 3}`, -i, i % 2 ? Infinity : i, i % 6);
    } else b.addRow(`r_${i % 3}`, index, coef, -i, i % 2 ? Infinity : i, i % 6);
  }
  return b.build();
}

const arrays = (m: LpModel) => ({
  colCost: Array.from(m.colCost),
  colUpper: Array.from(m.colUpper),
  rowLower: Array.from(m.rowLower),
  rowUpper: Array.from(m.rowUpper),
  rowStart: Array.from(m.rowStart),
  rowIndex: Array.from(m.rowIndex),
  rowValue: Array.from(m.rowValue),
  colNames: m.colNames,
  rowNames: m.rowNames,
});

describe('LpBuilder', () => {
  it('merges repeated columns, drops entries that sum to zero, and names each column and row', () => {
    const b = new LpBuilder();
    const x = b.addVar('x', 1, Infinity, 0);
    const x1 = b.addVar('x', 1, Infinity, 1);
    const y = b.addVar('y', 2);
    const x2 = b.addVar('x', 1, 5, 2);
    b.entry(x, 2);
    b.entry(y, 1);
    b.entry(x, -2); // x: 2 − 2 = 0, dropped
    b.entry(x2, 1.5);
    b.endRow('cap', -Infinity, 8, 3);
    b.addRow('cap', [x1, x1], [1, 1], 0, 0, 4); // x1: 1 + 1 = 2
    const m = b.build();
    expect(Array.from(m.rowStart)).toEqual([0, 2, 3]);
    expect(Array.from(m.rowIndex)).toEqual([y, x2, x1]);
    expect(Array.from(m.rowValue)).toEqual([1, 1.5, 2]);
    expect(m.colNames).toEqual(['x_t0', 'x_t1', 'y', 'x_t2']);
    expect(m.rowNames).toEqual(['cap_t3', 'cap_t4']);
    expect(Array.from(m.colUpper)).toEqual([Infinity, Infinity, Infinity, 5]);
  });

  it('keeps each model its own names, made once on first read and copied by a spread', () => {
    // The name getters are shared by every model (one hidden class for all); what they read is each model's own.
    const one = new LpBuilder();
    one.addVar('a', 1, Infinity, 0);
    one.addRow('r', [0], [1], 0, 1);
    const two = new LpBuilder();
    two.addVar('b', 1);
    two.addVar('b', 1, Infinity, 2);
    two.addRow('s', [0, 1], [1, 1], 0, 1, 5);
    const m1 = one.build();
    const m2 = two.build();
    expect(m2.colNames).toEqual(['b', 'b_t2']); // the second model read first
    expect(m1.colNames).toEqual(['a_t0']);
    expect(m1.rowNames).toEqual(['r']);
    expect(m2.rowNames).toEqual(['s_t5']);
    expect(m1.colNames).toBe(m1.colNames); // made once
    expect({ ...m2 }.colNames).toEqual(['b', 'b_t2']);
    expect(Object.keys(m1)).toEqual(['colCost', 'colUpper', 'rowLower', 'rowUpper', 'rowStart', 'rowIndex', 'rowValue', 'colNames', 'rowNames']);
  });

  it('builds the same model row by row or entry by entry, with room reserved, too little, or none', () => {
    const plain = arrays(fill(new LpBuilder(), 5000, 3000, false));
    const byEntry = arrays(fill(new LpBuilder(), 5000, 3000, true));
    const reserved = new LpBuilder();
    reserved.reserve(6000, 4000, 20000);
    const short = new LpBuilder();
    short.reserve(1500, 100, 2000); // every array still grows past its room
    expect(plain.rowIndex.length).toBeGreaterThan(5000); // arrays past their first 1024 and 4096 entries
    expect(byEntry).toEqual(plain);
    expect(arrays(fill(reserved, 5000, 3000, true))).toEqual(plain);
    expect(arrays(fill(short, 5000, 3000, false))).toEqual(plain);
  });

  it('refuses a column past its limit, and reserves no room past it', () => {
    const b = new LpBuilder(3);
    b.reserve(1e12, 1e12, 3e12); // room for 4 columns (the limit + 1) and as many rows: the first 1024 suffice
    expect(b.columnRoom).toBe(1024);
    for (let j = 0; j < 3; j++) b.addVar('x', 0);
    expect(() => b.addVar('x', 0)).toThrow('more than 3 columns');
  });
});
