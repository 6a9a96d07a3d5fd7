// Order-dedicated material (专用料不混用): a PurchaseOrders line with Order filled (and no OpSeq,
// which makes it a subcontract lot instead) is bought for that order. Open, it arrives in the bucket
// of its DueDate into that order's own pool; received (ReceivedDate filled), what was accepted and
// not yet issued to the order (MaterialIssues) is held in OnHand for it. Neither is in the common
// stock any other order draws from (supply.ts leaves them out), so no other order, whatever its
// priority, can take them.
//
// In the LP, per order and item with such lines:
//   dinv_M_O_tT  units of M held for O at the end of bucket T (a holding cost of 1e-5 per unit and
//                bucket, so O draws its own material before common stock)
//   ded_M_O_tT   units O draws from its pool in bucket T: they go into the common stock row of M,
//                where O's use takes them out again
//   dstock_M_O_tT  dinv(t) = dinv(t−1) + received (t = 0) + open lines due (t) − ded(t)
//   dcap_M_O_tT    ded(t) ≤ O's own use of M in bucket T (the pool never feeds another order)
// What is left in the pool at the end is the order's leftover, reported as such.
import type { Day } from '../dates';
import type { Item, Plant, PurchaseOrder } from '../domain';
import { idKey as key } from '../network';
import { bucketIndex, type Buckets } from './buckets';

export const DEDICATED_HOLDING_COST = 1e-5;

export interface DedicatedPool {
  /** the order's id as entered on the PO line (matched by the id rule) */
  order: string;
  item: Item;
  /** received for the order, in OnHand, not yet issued to it */
  onHand: number;
  /** open lines due per bucket (overdue ones in bucket 0) */
  receipts: Float64Array;
  lines: PurchaseOrder[];
  /** LP columns and rows per bucket (−1 none); filled by the model */
  inv: Int32Array;
  draw: Int32Array;
}

/** A PO line bought for one order (not a subcontract lot). */
export const isDedicated = (po: PurchaseOrder): boolean => po.Order !== undefined && po.Order.trim() !== '' && po.OpSeq === undefined;

/** Pools per item (lower-case id), each per order, of the Buy items with dedicated lines. */
export function dedicatedPools(plant: Plant, b: Buckets): Map<string, DedicatedPool[]> {
  const out = new Map<string, DedicatedPool[]>();
  const seen = new Set<string>();
  for (const po of plant.PurchaseOrders) {
    if (!isDedicated(po) || seen.has(key(po.Item))) continue;
    seen.add(key(po.Item));
    const item = plant.Items.find((i) => key(i.ItemId) === key(po.Item));
    if (item && item.Type === 'Buy') out.set(key(po.Item), poolsOfItem(plant, item, b));
  }
  return out;
}

/** The dedicated pools of one Buy item, one per order with lines of it. */
export function poolsOfItem(plant: Plant, item: Item, b: Buckets): DedicatedPool[] {
  const m = key(item.ItemId);
  const list: DedicatedPool[] = [];
  for (const po of plant.PurchaseOrders) {
    if (!isDedicated(po) || key(po.Item) !== m) continue;
    let pool = list.find((p) => key(p.order) === key(po.Order!));
    if (!pool) list.push((pool = { order: po.Order!, item, onHand: 0, receipts: new Float64Array(b.count), lines: [], inv: new Int32Array(b.count).fill(-1), draw: new Int32Array(b.count).fill(-1) }));
    pool.lines.push(po);
    if (po.ReceivedDate !== undefined) pool.onHand += po.AcceptedQty ?? po.ReceivedQty ?? po.Quantity;
    else {
      const t = Math.max(0, bucketIndex(b, po.DueDate as Day));
      if (t < b.count) pool.receipts[t] += po.Quantity;
    }
  }
  // Received material already issued to the order has left stock; what is held is the rest, and
  // never more than is on hand (OnHand counts it: what a stock count finds).
  let onHand = item.OnHand;
  for (const pool of list) {
    const issued = plant.MaterialIssues.filter((i) => key(i.Order) === key(pool.order) && key(i.Item) === m).reduce((a, i) => a + i.Quantity, 0);
    pool.onHand = Math.max(0, Math.min(onHand, pool.onHand - issued));
    onHand -= pool.onHand;
  }
  return list;
}

/** Units of an item's OnHand held for orders (received dedicated lines): not common stock. */
export const heldOnHand = (pools: DedicatedPool[] | undefined): number => (pools ?? []).reduce((a, p) => a + p.onHand, 0);
