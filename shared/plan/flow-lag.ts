// Flow time inside the buckets. The LP moves an order's units from one operation to the next
// within a bucket, so a routing of many operations on several BOM levels could start and finish
// in one week although the shop needs more than a week to run it through (on the sample plant
// an eleven-operation pump order took one week in the plan and eight working days on the floor).
// Each operation's lot takes about (setup + run hours of the order's lot) / (the work center's
// hours a day, all units) working days. Placing every operation at its earliest, one after the
// other (components in parallel, the longest first), gives the bucket each one ends in counted
// from the order's start; a hand-over waits as many buckets as lie between the giving
// operation's end and the taking one's. A routing that fits in one bucket gets no lag at all, and
// an operation's own lot never delays its own start: only what comes before it does.
import type { Buckets } from './buckets';
import type { WorkCenterCapacity } from './capacity';
import type { PartNode, PlanOp } from './network';

/** Calendar days one operation of the order's lot takes on its work center with every unit on it. */
function flowDays(op: PlanOp, qty: number, capacity: Map<string, WorkCenterCapacity>): number {
  const c = capacity.get(op.wc);
  if (!c) return 0; // a Buy item's ship step, or a work center the plan does not know
  const wc = c.wc;
  const perDay = wc.HoursPerDay * Math.max(1, Math.round(wc.Units)) * (wc.EfficiencyPct > 0 ? wc.EfficiencyPct / 100 : 1);
  if (perDay <= 0 || wc.DaysPerWeek <= 0) return 0;
  return ((op.hoursPerUnit * qty) / perDay) * (7 / Math.min(7, wc.DaysPerWeek));
}

/**
 * Buckets the units handed to each operation wait before it may start them (0 for most): the
 * hand-over from the previous operation of its item, or, for an item's first operation, from
 * each Make component's last operation. With every operation placed at its earliest in flow days
 * from the order's start (longest path through the components), an operation ends in the
 * `floor(end / bucket)`-th bucket after the start; the lag of a hand-over is how many bucket
 * boundaries lie between the giving operation's end and the taking one's.
 */
export function flowLags(root: PartNode, capacity: Map<string, WorkCenterCapacity>, b: Buckets): Map<PlanOp, number> {
  const lags = new Map<PlanOp, number>();
  const W = b.days;
  // An end exactly on a bucket's last working day is still in that bucket.
  const bucketOfEnd = (end: number) => Math.max(0, Math.ceil(end / W - 1e-9) - 1);
  /** flow days from the order's start to the end of the node's last operation */
  const walk = (n: PartNode): number => {
    let end = 0;
    let from: number[] = [];
    for (const c of n.makeChildren) from.push(walk(c.node));
    for (const op of n.ops) {
      const start = Math.max(0, ...from);
      end = start + flowDays(op, n.qty, capacity);
      const k = bucketOfEnd(end);
      lags.set(op, from.length ? k - bucketOfEnd(start) : 0);
      from = [end];
    }
    return n.ops.length ? end : Math.max(0, ...from);
  };
  walk(root);
  return lags;
}
