// Plans from where the work stands: what an InProduction order still has to do, for the plan
// model (plan/build-model.ts).
//
// Per operation, `out` = good units reported + units accepted back from its subcontract lots, and
// `in` = good + scrapped units + units sent out in lots (what entered it). Units in front of an
// operation are the previous one's `out` − its own `in` (for a component feeding its parent, the
// component's `out` − QtyPer × the parent's first `in`); units still at a subcontractor come back
// in front of the next operation on their lot's DueDate. The order itself needs Quantity − the
// last operation's `out` (− units of it still out) more finished units. Material issued to the
// order and not yet used by what entered each part's first operation is stock of its own.
import type { Day } from '../dates';
import type { Order, Plant } from '../domain';
import type { PartNode } from '../plan/network';
import { orderProgress, subcontractLots } from './progress';

const key = (s: string) => s.toLowerCase();
export const flowKey = (item: string, opSeq: number): string => `${key(item)}|${opSeq}`;

export interface OpFlow {
  out: number;
  in: number;
  /** units at a subcontractor, back on these days */
  returns: { day: Day; qty: number }[];
}

export interface Remaining {
  flows: Map<string, OpFlow>;
  /** units of the order finished or on their way back from the last operation */
  finished: number;
}

/** Lower-case ids of the orders anything was reported, issued or subcontracted for (one pass over the sheets). */
export function ordersWithActuals(plant: Plant): Set<string> {
  const out = new Set<string>();
  for (const r of plant.WorkReports) out.add(key(r.Order));
  for (const m of plant.MaterialIssues) out.add(key(m.Order));
  for (const po of plant.PurchaseOrders) if (po.Order !== undefined && po.OpSeq !== undefined) out.add(key(po.Order));
  return out;
}

/** Undefined for an order that is not InProduction or has nothing reported or issued. */
export function remainingWork(plant: Plant, order: Order): Remaining | undefined {
  if (order.Status !== 'InProduction') return undefined;
  const prog = orderProgress(plant, order);
  if (!prog.ops.some((p) => p.started) && !plant.MaterialIssues.some((m) => key(m.Order) === key(order.OrderId))) return undefined;
  const flows = new Map<string, OpFlow>();
  for (const p of prog.ops) {
    const lots = subcontractLots(prog.ops, p);
    flows.set(flowKey(p.item.ItemId, p.op.OpSeq), {
      out: p.good + p.lotAccepted,
      in: p.good + p.scrap + lots.reduce((s, l) => s + l.sent, 0),
      returns: lots.filter((l) => l.open > 0).map((l) => ({ day: l.po.DueDate, qty: l.open })),
    });
  }
  const last = prog.ops.filter((p) => p.level === 0).at(-1);
  const lf = last && flows.get(flowKey(last.item.ItemId, last.op.OpSeq));
  const finished = lf ? lf.out + lf.returns.reduce((s, r) => s + r.qty, 0) : 0;
  return { flows, finished: Math.min(order.Quantity, finished) };
}

/** Units waiting in front of `to` at the start, and those coming back from a subcontractor. */
export function startingWip(rem: Remaining, from: PartNode['ops'][number], to: PartNode['ops'][number], ratio: number): { initial: number; returns: { day: Day; qty: number }[] } {
  if (from.node.tag !== '' || to.node.tag !== '') return { initial: 0, returns: [] }; // repeated components: not tracked
  const f = rem.flows.get(flowKey(from.node.item.ItemId, from.op.OpSeq));
  const t = rem.flows.get(flowKey(to.node.item.ItemId, to.op.OpSeq));
  return { initial: Math.max(0, (f?.out ?? 0) - ratio * (t?.in ?? 0)), returns: f?.returns ?? [] };
}

/**
 * Are any units part-way: waiting in front of an operation (or of the parent) or at a
 * subcontractor? An order whose reported units went through every operation alike (some finished,
 * the rest not started) is planned like a smaller new order.
 */
export function unitsPartWay(rem: Remaining, root: PartNode): boolean {
  const waiting = (from: PartNode['ops'][number], to: PartNode['ops'][number], ratio: number) => {
    const w = startingWip(rem, from, to, ratio);
    return w.initial > 1e-9 || w.returns.length > 0;
  };
  const walk = (n: PartNode): boolean =>
    n.ops.some((op, k) => k > 0 && waiting(n.ops[k - 1], op, 1)) ||
    n.makeChildren.some((c) => (c.node.ops.length > 0 && n.ops.length > 0 && waiting(c.node.ops.at(-1)!, n.ops[0], c.ratio)) || walk(c.node));
  return walk(root);
}

/**
 * Material issued to a started order stays with it: what it has not yet used covers its own
 * remaining need first and is never stock for other orders. Changes `root` in place: each Buy
 * component's ratio is scaled to the part still drawn from common stock (dropped when the issued
 * material covers it all). A part's units still to start its first operation are its need less
 * the units already past that operation (waiting in front of later ones, at a subcontractor, or
 * in front of its parent); a component needs that many per unit of its parent still to start.
 * Units to start are known before the solve only this way, so the scaling is exact in quantity;
 * in time, the common-stock share is drawn evenly over the order's starts.
 */
export function reserveIssued(plant: Plant, order: Order, root: PartNode, rem: Remaining): void {
  const left = new Map<string, number>();
  for (const m of plant.MaterialIssues) if (key(m.Order) === key(order.OrderId)) left.set(key(m.Item), (left.get(key(m.Item)) ?? 0) + m.Quantity);
  const walk = (n: PartNode, need: number) => {
    const first = n.ops[0] && n.tag === '' ? rem.flows.get(flowKey(n.item.ItemId, n.ops[0].op.OpSeq)) : undefined;
    // used already by the units that entered the first operation
    for (const bc of n.buyChildren) left.set(key(bc.item.ItemId), (left.get(key(bc.item.ItemId)) ?? 0) - bc.ratio * (first?.in ?? 0));
    let past = 0;
    for (let k = 1; k < n.ops.length; k++) {
      const w = startingWip(rem, n.ops[k - 1], n.ops[k], 1);
      past += w.initial + w.returns.reduce((s, r) => s + r.qty, 0);
    }
    const toStart = Math.max(0, need - past);
    for (const bc of n.buyChildren) {
      const m = key(bc.item.ItemId);
      const want = bc.ratio * toStart;
      const own = Math.min(Math.max(0, left.get(m) ?? 0), want);
      if (own <= 1e-9) continue;
      left.set(m, (left.get(m) ?? 0) - own);
      bc.ratio *= 1 - own / want;
    }
    n.buyChildren = n.buyChildren.filter((bc) => bc.ratio > 1e-12);
    for (const c of n.makeChildren) {
      const last = c.node.ops.at(-1);
      const w = last && n.ops[0] ? startingWip(rem, last, n.ops[0], c.ratio) : { initial: 0, returns: [] };
      walk(c.node, Math.max(0, c.ratio * toStart - w.initial - w.returns.reduce((s, r) => s + r.qty, 0)));
    }
  };
  walk(root, root.qty);
}
