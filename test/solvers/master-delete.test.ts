// A column-generation master drops columns it no longer needs (decompose.ts deletes the start's
// schedules the first solve left nonbasic): HiGHS must renumber the columns after them and keep
// the basis of the rest, so the next solve starts where the last one ended.
import { describe, expect, it } from 'vitest';
import { LpBuilder } from '../../shared/lp/model';
import { highsIncremental } from '../../service/solvers/highs';

describe('HiGHS master: deleting columns', () => {
  it('renumbers the later columns and re-solves from the basis it kept', async () => {
    // min a + 2b + 3c  s.t.  a + b + c = 10,  a ≤ 4,  0 ≤ a, b, c ≤ 10.
    // Optimum: a = 4 (its row's limit), b = 6, c = 0; cost 4 + 12 = 16.
    const lp = new LpBuilder();
    const a = lp.addVar('a', 1, 10);
    const b = lp.addVar('b', 2, 10);
    const c = lp.addVar('c', 3, 10);
    lp.addRow('total', [a, b, c], [1, 1, 1], 10, 10);
    lp.addRow('aLimit', [a], [1], 0, 4);
    const m = await highsIncremental(lp.build());
    try {
      const first = m.solve(10);
      expect(first.status).toBe('optimal');
      expect(first.objective).toBeCloseTo(16, 9);
      expect(Array.from(m.basis!()!.cols)).toEqual([1, 1, 0]); // a and b basic, c at its lower bound
      // c goes; a fourth column, d, costing 1.5 in the total row, comes (third now).
      m.deleteColumns!(Int32Array.of(2));
      m.addColumns({ cost: Float64Array.of(1.5), upper: Float64Array.of(10), starts: Int32Array.of(0, 1), index: Int32Array.of(0), value: Float64Array.of(1) });
      // Now a, b, d: d (1.5) replaces b (2): a = 4, d = 6, cost 4 + 9 = 13. From the kept basis
      // (a and b basic) that is one pivot; from scratch it would take at least two.
      const second = m.solve(10, true);
      expect(second.status).toBe('optimal');
      expect(second.objective).toBeCloseTo(13, 9);
      expect(Array.from(second.colValue)).toEqual([4, 0, 6]);
      expect(second.iterations).toBe(1);
    } finally {
      m.dispose();
    }
  });
});
