// One order's flow rows in the plan LP (build-model.ts): units carried between operations by WIP
// columns (wip_ rows), and the done_ row that counts finished plus short units. Flow is carried
// by WIP variables rather than cumulative sums so each row touches each column once.
import { startingWip } from '../actuals/remaining';
import { bucketIndex } from './buckets';
import { WIP_PER_UNIT_BUCKET } from './costs';
import type { OpVars, PlannedOrder } from './build-model';
import { tidy, type ModelContext } from './model-context';
import type { PartNode, PlanOp } from './network';

/**
 * The columns whose units come out of an operation in bucket t (in-house, or back from a
 * subcontractor): `cols[start[t]] … cols[start[t + 1] − 1]`, the in-house column first.
 */
export interface DoneLists {
  start: number[];
  cols: number[];
}
export type DoneIn = (v: OpVars) => DoneLists;

/**
 * `DoneIn` for one order, each operation's lists made once: the WIP and done rows share them.
 * (Plain arrays: small typed arrays each cost the garbage collector a buffer of their own.)
 */
export function doneIn(T: number): DoneIn {
  const doneBy = new Map<OpVars, DoneLists>();
  return (v) => {
    let d = doneBy.get(v);
    if (!d) {
      const start: number[] = new Array(T + 1).fill(0);
      for (let u = 0; u < T; u++) {
        if (v.x[u] >= 0) start[u + 1]++;
        if (v.y[u] >= 0) start[v.arrival[u] + 1]++;
      }
      for (let u = 0; u < T; u++) start[u + 1] += start[u];
      const cols: number[] = new Array(start[T]).fill(0);
      const fill = start.slice(0, T);
      for (let u = 0; u < T; u++) if (v.x[u] >= 0) cols[fill[u]++] = v.x[u];
      for (let u = 0; u < T; u++) if (v.y[u] >= 0) cols[fill[v.arrival[u]]++] = v.y[u];
      doneBy.set(v, (d = { start, cols }));
    }
    return d;
  };
}

/** WIP between consecutive operations of each part, and from each component's last operation. */
export function addWipRows(ctx: ModelContext, o: PlannedOrder, nodes: PartNode[], vars: Map<PlanOp, OpVars>, lagOf: (op: PlanOp) => number, done: DoneIn) {
  const oid = tidy(o.order.OrderId);
  for (const n of nodes) {
    for (let k = 1; k < n.ops.length; k++) {
      const to = vars.get(n.ops[k])!;
      link(ctx, o, done, vars.get(n.ops[k - 1])!, to, lagOf(to.op), 1, n.perOrderUnit, `${oid}_${to.op.label}`);
    }
    for (const c of n.makeChildren) {
      const from = vars.get(c.node.ops[c.node.ops.length - 1])!;
      const to = vars.get(n.ops[0])!;
      link(ctx, o, done, from, to, lagOf(to.op), c.ratio, c.node.perOrderUnit, `${oid}_${to.op.label}_from_${tidy(c.node.item.ItemId)}${c.node.tag}`);
    }
  }
}

/** w(t) = w(t−1) + done by `from`(t − lag) − ratio × started by `to`(t), one row per bucket. */
function link(ctx: ModelContext, o: PlannedOrder, done: DoneIn, from: OpVars, to: OpVars, lag: number, ratio: number, perOrderUnit: number, name: string) {
  const { T, b, lp } = ctx;
  const d = done(from);
  const doneCount = (t: number) => (t - lag >= 0 ? d.start[t - lag + 1] - d.start[t - lag] : 0);
  const wName = `w_${name}`;
  const wipName = `wip_${name}`;
  // Rows from the first bucket anything arrives or starts to the last one anything starts.
  let first = T;
  let lastStart = -1;
  for (let t = 0; t < T; t++) {
    const starts = to.x[t] >= 0 || to.y[t] >= 0;
    if ((starts || doneCount(t) > 0) && first === T) first = t;
    if (starts) lastStart = t;
  }
  // Units in front of `to` when the plan starts, and those coming back from subcontractors.
  let wip0: Float64Array | undefined;
  if (o.remaining && lastStart >= first) {
    wip0 = new Float64Array(T);
    const s = startingWip(o.remaining, from.op, to.op, ratio);
    wip0[first] += s.initial;
    for (const r of s.returns) wip0[Math.min(lastStart, Math.max(first, bucketIndex(b, r.day)))] += r.qty;
  }
  const cost = WIP_PER_UNIT_BUCKET / perOrderUnit;
  let prev = -1;
  for (let t = first; t <= lastStart; t++) {
    const w = ctx.addVar(wName, cost, Infinity, o.index, t);
    lp.entry(w, 1);
    if (prev >= 0) lp.entry(prev, -1);
    if (t - lag >= 0) for (let k = d.start[t - lag]; k < d.start[t - lag + 1]; k++) lp.entry(d.cols[k], -1);
    if (to.x[t] >= 0) lp.entry(to.x[t], ratio);
    if (to.y[t] >= 0) lp.entry(to.y[t], ratio);
    const rhs = wip0 ? wip0[t] : 0;
    ctx.addWip(lp.endRow(wipName, rhs, rhs, t), w);
    prev = w;
  }
}

/** Completion: finished units plus short units make the quantity still to make. */
export function addDoneRow(ctx: ModelContext, o: PlannedOrder, toMake: number, unmade: number, done: DoneIn) {
  const oid = tidy(o.order.OrderId);
  o.short = ctx.addVar(`short_${oid}`, unmade, toMake, o.index);
  const { lp } = ctx;
  lp.entry(o.short, 1);
  const d = done(o.last!);
  for (let k = 0; k < d.cols.length; k++) lp.entry(d.cols[k], 1);
  o.doneRow = lp.endRow(`done_${oid}`, toMake, toMake);
}
