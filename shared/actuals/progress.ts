// Where an order's work stands: per operation of its network (its item's routing, then the
// routings of its Make components), the units reported good, scrapped and accepted back from
// subcontract lots, the hours spent and the units still to do.
//
// Matching rules:
// - a WorkReport names an OpSeq of the order (of its Item when that is filled): the order item's
//   own operation wins, then a Make component's; when its WorkCenter is filled, an operation on
//   that work center wins over one on another (several rows can share an OpSeq);
// - a subcontract lot is a PurchaseOrders line with Order and OpSeq: it names the item processed
//   (Item), so its operation is that item's OpSeq. Units accepted from a lot count as done there,
//   so a lot's units are not reported again in WorkReports.
import type { Day } from '../dates';
import type { Item, Operation, Order, Plant, PurchaseOrder, WorkReport } from '../domain';
import { explodeBom, plantNetwork } from '../network';

const key = (s: string) => s.toLowerCase();

export interface OpProgress {
  item: Item;
  op: Operation;
  /** 0 = the order's item, ≥ 1 = a component */
  level: number;
  /** units of this item the order needs: order quantity × usage per finished unit */
  need: number;
  good: number;
  scrap: number;
  hours: number;
  /** units accepted back from subcontract lots of this operation */
  lotAccepted: number;
  /** units sent to subcontractors and not yet back */
  lotOpen: number;
  /** min(need, good + accepted) */
  done: number;
  /** need − done */
  remaining: number;
  /** anything reported (units or hours) or sent out: its setup is spent */
  started: boolean;
  reports: WorkReport[];
  lots: PurchaseOrder[];
}

export interface OrderProgress {
  order: Order;
  /** every operation of the network, the order item's first, in OpSeq order per item */
  ops: OpProgress[];
  /** reports whose OpSeq matches no operation of the order (validation reports these) */
  unmatched: WorkReport[];
}

/** The day whose BOM an order is built to: its release, else the plan start. */
export const orderBomDate = (plant: Plant, order: Order): Day | undefined => order.ReleaseDate ?? plant.settings.PlanStart;

/** Units received from a PO line: ReceivedQty, else the whole line once it has a ReceivedDate. */
export const receivedOf = (po: PurchaseOrder): number => po.ReceivedQty ?? (po.ReceivedDate !== undefined ? po.Quantity : 0);
export const acceptedOf = (po: PurchaseOrder): number => po.AcceptedQty ?? receivedOf(po);

/** The operations of an order's network with the units each needs (nothing reported yet). */
export function orderOperations(plant: Plant, order: Order): { item: Item; op: Operation; level: number; need: number }[] {
  const root = plant.Items.find((i) => key(i.ItemId) === key(order.Item));
  if (!root) return [];
  const usage = new Map<string, { item: Item; level: number; usage: number }>();
  for (const n of explodeBom(plantNetwork(plant), root, orderBomDate(plant, order))) {
    if (n.item.Type !== 'Make') continue;
    const u = usage.get(key(n.item.ItemId));
    if (u) u.usage += n.usage;
    else usage.set(key(n.item.ItemId), { item: n.item, level: n.level, usage: n.usage });
  }
  const out: { item: Item; op: Operation; level: number; need: number }[] = [];
  for (const u of usage.values())
    for (const op of plantNetwork(plant).routings.get(key(u.item.ItemId)) ?? []) // one row per OpSeq (the preferred of alternative work centers)
      out.push({ item: u.item, op, level: u.level, need: order.Quantity * u.usage });
  return out;
}

/** The operation a report belongs to, or undefined. */
export function matchReport<T extends { op: Operation }>(ops: T[], r: Pick<WorkReport, 'OpSeq' | 'WorkCenter'> & { Item?: string }): T | undefined {
  const item = r.Item;
  const same = ops.filter((o) => o.op.OpSeq === r.OpSeq && (item === undefined || key(o.op.Item) === key(item)));
  const wc = r.WorkCenter;
  return (wc !== undefined ? same.find((o) => key(o.op.WorkCenter) === key(wc)) : undefined) ?? same[0];
}

export function orderProgress(plant: Plant, order: Order): OrderProgress {
  const ops: OpProgress[] = orderOperations(plant, order).map((o) => ({
    ...o, good: 0, scrap: 0, hours: 0, lotAccepted: 0, lotOpen: 0, done: 0, remaining: o.need, started: false, reports: [], lots: [],
  }));
  const unmatched: WorkReport[] = [];
  const mine = (id: string) => key(id) === key(order.OrderId);
  for (const r of plant.WorkReports) {
    if (!mine(r.Order)) continue;
    const p = matchReport(ops, r);
    if (!p) {
      unmatched.push(r);
      continue;
    }
    p.reports.push(r);
    p.good += r.GoodQty;
    p.scrap += r.ScrapQty;
    p.hours += r.Hours;
  }
  for (const po of plant.PurchaseOrders) {
    if (po.Order === undefined || po.OpSeq === undefined || !mine(po.Order)) continue;
    const p = ops.find((o) => o.op.OpSeq === po.OpSeq && key(o.item.ItemId) === key(po.Item)) ?? matchReport(ops, { OpSeq: po.OpSeq, WorkCenter: undefined, Item: undefined });
    if (!p) continue;
    p.lots.push(po);
    p.lotAccepted += acceptedOf(po);
  }
  for (const p of ops) {
    p.lotOpen = subcontractLots(ops, p).reduce((s, l) => s + l.open, 0);
    p.done = Math.min(p.need, p.good + p.lotAccepted);
    p.remaining = Math.max(0, p.need - p.done);
    p.started = p.good + p.scrap + p.hours + p.lots.length > 0;
  }
  return { order, ops, unmatched };
}

/** The operation before `p` on the same item, if any. */
export const previousOp = (ops: OpProgress[], p: OpProgress): OpProgress | undefined => {
  const same = ops.filter((o) => o.item === p.item);
  return same[same.indexOf(p) - 1];
};

export interface LotStatus {
  po: PurchaseOrder;
  /** units sent: what the previous operation reported good (shared out over the lots in sheet
   * order), or the whole lot when it is the item's first operation */
  sent: number;
  received: number;
  accepted: number;
  /** sent − received: still at the subcontractor */
  open: number;
}

/** The subcontract lots of one operation with what was sent, received and is still out. */
export function subcontractLots(ops: OpProgress[], p: OpProgress): LotStatus[] {
  const prev = previousOp(ops, p);
  let available = prev ? prev.good + prev.lotAccepted : Infinity;
  return p.lots.map((po) => {
    const sent = Math.min(po.Quantity, available);
    available -= sent;
    const received = receivedOf(po);
    return { po, sent, received, accepted: acceptedOf(po), open: Math.max(0, sent - received) };
  });
}
