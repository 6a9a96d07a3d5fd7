// One order's flow rows in the plan LP (build-model.ts): units carried between operations by WIP
// columns (wip_ rows), and the done_ row that counts finished plus short units. Flow is carried
// by WIP variables rather than cumulative sums so each row touches each column once.
import { startingWip } from '../actuals/remaining';
import { bucketIndex } from './buckets';
import { WIP_PER_UNIT_BUCKET } from './costs';
import type { OpVars, PlannedOrder } from './build-model';
import { tidy, type ModelContext } from './model-context';
import type { PartNode, PlanOp } from './network';

/** The columns whose units come out of an operation in bucket t (in-house, or back from a subcontractor). */
export type DoneIn = (v: OpVars, t: number) => number[];

/** `DoneIn` for one order, each operation's lists made once: the WIP and done rows share them. */
export function doneIn(T: number): DoneIn {
  const doneBy = new Map<OpVars, number[][]>();
  return (v, t) => {
    let lists = doneBy.get(v);
    if (!lists) {
      lists = Array.from({ length: T }, (_, u) => (v.x[u] >= 0 ? [v.x[u]] : []));
      for (let u = 0; u < T; u++) if (v.y[u] >= 0) lists[v.arrival[u]].push(v.y[u]);
      doneBy.set(v, lists);
    }
    return lists[t];
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
  const doneFor = (t: number) => (t - lag >= 0 ? done(from, t - lag) : []);
  const wName = `w_${name}`;
  const wipName = `wip_${name}`;
  // Rows from the first bucket anything arrives or starts to the last one anything starts.
  let first = T;
  let lastStart = -1;
  for (let t = 0; t < T; t++) {
    const starts = to.x[t] >= 0 || to.y[t] >= 0;
    if ((starts || doneFor(t).length) && first === T) first = t;
    if (starts) lastStart = t;
  }
  // Units in front of `to` when the plan starts, and those coming back from subcontractors.
  const wip0 = new Float64Array(T);
  if (o.remaining && lastStart >= first) {
    const s = startingWip(o.remaining, from.op, to.op, ratio);
    wip0[first] += s.initial;
    for (const r of s.returns) wip0[Math.min(lastStart, Math.max(first, bucketIndex(b, r.day)))] += r.qty;
  }
  let prev = -1;
  for (let t = first; t <= lastStart; t++) {
    const w = ctx.addVar(wName, WIP_PER_UNIT_BUCKET / perOrderUnit, Infinity, o.index, t);
    const cols = [w];
    const coef = [1];
    if (prev >= 0) cols.push(prev), coef.push(-1);
    for (const c of doneFor(t)) cols.push(c), coef.push(-1);
    if (to.x[t] >= 0) cols.push(to.x[t]), coef.push(ratio);
    if (to.y[t] >= 0) cols.push(to.y[t]), coef.push(ratio);
    ctx.wipRows.push(lp.addRow(wipName, cols, coef, wip0[t], wip0[t], t));
    ctx.wipCols.push(w);
    prev = w;
  }
}

/** Completion: finished units plus short units make the quantity still to make. */
export function addDoneRow(ctx: ModelContext, o: PlannedOrder, toMake: number, unmade: number, done: DoneIn) {
  const oid = tidy(o.order.OrderId);
  o.short = ctx.addVar(`short_${oid}`, unmade, toMake, o.index);
  const fin = [o.short];
  for (let t = 0; t < ctx.T; t++) fin.push(...done(o.last!, t));
  o.doneRow = ctx.lp.addRow(`done_${oid}`, fin, fin.map(() => 1), toMake, toMake);
}
