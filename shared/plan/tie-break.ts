// A deterministic tie-break for the plan LP, so that its optimum is one plan, not a choice among
// equally cheap ones: two orders of the same priority and due week competing for the same hours
// cost the same whichever of them is late, and the simplex then settles on whichever plan its
// path reaches first. A plan started from another plan's end (a what-if's scenario warm-started
// from its baseline, decompose.ts WarmStart) would then differ from a plan of the same book from
// scratch. With a small cost added to every in-house and subcontract column (x_, y_), keyed by
// what the column is (order id, operation, bucket, in-house or out), no two plans cost exactly
// the same any more, and every start reaches the same one.
//
// Size: each operation's columns get up to TIE_BREAK per order unit (divided by the operation's
// units per order unit), 40 times below the smallest cost the model itself uses to break ties
// (WIP_PER_UNIT_BUCKET per order unit and bucket of waiting), so moving one operation by a bucket
// still follows the model's own costs; and far above the tolerances column generation solves to
// (2e-9 on reduced costs, decompose.ts PRICE_TOL, and 1e-9 in HiGHS's master). The plan's
// objective is reported without it; the plan it picks may cost a little more than the cheapest
// without it where real costs differ by less than it: measured on the generated 1000-order
// plants (npm run bench), within 1e-6 of CBC's objective.
//
// Measured (service/bench/whatif-bench.ts and test/changes/warm-what-if.test.ts): on 23 generated
// plants of 40 to 1000 orders, five kinds of change each (a rush order, a cancellation, a due
// date pulled in, a quantity doubled, a priority raised), a what-if started from its baseline
// ended at the same plan as the edited book planned from scratch in all 115. Without the
// tie-break the 1000-order bench plant's three changes and the 60 × 5 × 10 plant's (seed 4) rush
// order ended at other plans of the same cost; with it but the pricing tolerance at 1e-10 × the
// schedule's cost, one rush order still did (60 × 5 × 10, seed 3).
import type { OpVars } from './build-model';
import { WIP_PER_UNIT_BUCKET } from './costs';

/** The most the tie-break adds to one operation of one order unit. */
export const TIE_BREAK = WIP_PER_UNIT_BUCKET / 40;

/** FNV-1a of a string: the order's part of each column's key. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A number in [0, 1) from the order's hash, the operation, the bucket and the mode. */
function unit(h: number, op: number, t: number, mode: number): number {
  let x = h ^ Math.imul(op + 1, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca6b) ^ Math.imul(mode + 1, 0xc2b2ae35);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * The model's column costs with the tie-break added to each order's x and y columns. `orders`:
 * each order's stable key, its operations and the units of each operation's item per order unit.
 */
export function tieBrokenCosts(colCost: Float64Array, orders: { key: string; ops: OpVars[]; pou: Float64Array }[]): Float64Array {
  const out = Float64Array.from(colCost);
  for (const o of orders) {
    const h = hashOf(o.key);
    o.ops.forEach((v, i) => {
      const share = TIE_BREAK / Math.max(o.pou[i], 1e-9);
      for (let t = 0; t < v.x.length; t++) {
        if (v.x[t] >= 0) out[v.x[t]] += share * unit(h, i, t, 0);
        if (v.y[t] >= 0) out[v.y[t]] += share * unit(h, i, t, 1);
      }
    });
  }
  return out;
}
