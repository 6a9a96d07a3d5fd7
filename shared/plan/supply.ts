// Supply of Buy materials over the buckets (docs/design.md §3, material constraint):
// usable stock OnHand − SafetyStock, open PurchaseOrders (no ReceivedDate) in the bucket of their
// DueDate (overdue ones in bucket 0), and extra purchases that can arrive only from the lead-time
// bucket on. Safety stock is kept back: when OnHand is below it, the first open receipts refill it
// before any of them can be used, so the plan never draws below safety stock yet is never forced
// to buy just to restore it.
import type { Item, Plant, SupplierItem } from '../domain';
import { idKey as key, plantNetwork, purchasePrice } from '../network';
import { bucketIndex, leadBuckets, type Buckets } from './buckets';
import { heldOnHand, isDedicated, poolsOfItem } from './dedicated';
import { cheapestLot } from './purchase-suggestions';

export interface SupplierShare {
  supplier: string;
  share: number; // fraction of the item's volume, shares sum to 1
  leadDays: number;
  minOrderQty: number;
  /** order in multiples of this (0: any whole quantity) */
  orderMultiple: number;
  unitPrice: number;
  /** the supplier's price tiers (its SupplierItems lines for the item): each suggested lot is the cheapest in total */
  offers: SupplierItem[];
}

export interface MaterialSupply {
  item: Item;
  /** stock usable at the start: max(0, OnHand − SafetyStock) */
  usable: number;
  /** open PO quantity due per bucket, as entered */
  receipts: Float64Array;
  /** the part of each bucket's receipts usable by the plan (after refilling safety stock) */
  usableReceipts: Float64Array;
  /** purchase lead time in days: the slowest approved supplier that gets a share, else the item's */
  leadDays: number;
  /** first bucket an extra purchase placed at PlanStart can be used in */
  leadBucket: number;
  /** first bucket with any usable supply (stock, open PO or a purchase), or Infinity */
  firstAvailable: number;
  suppliers: SupplierShare[];
  /** price of a purchase of the plan's whole need (`lot`), by the quote's rule (network/supplier-price.ts); 0 if none */
  unitPrice: number;
}

/**
 * Approved suppliers of an item with their shares: SharePct where given (a supplier's lines are its
 * price tiers, so its share is the largest SharePct on them), else the one supplier whose cheapest
 * lot for the plan's whole need (`lot`) costs least. Each supplier's lots then pick its tier by
 * total cost (cheapestLot); the fields below describe the tier picked for the whole need.
 */
function supplierShares(item: Item, plant: Plant, lot: number): SupplierShare[] {
  const bySupplier = new Map<string, SupplierItem[]>();
  for (const si of plantNetwork(plant).approvedOffers.get(key(item.ItemId)) ?? []) {
    const k = key(si.Supplier);
    bySupplier.set(k, [...(bySupplier.get(k) ?? []), si]);
  }
  const groups = [...bySupplier.values()];
  const share = (offers: SupplierItem[]) => Math.max(0, ...offers.map((si) => si.SharePct ?? 0));
  const total = groups.reduce((s, g) => s + share(g), 0);
  const lotCost = (g: SupplierItem[]) => cheapestLot(lot, g)?.cost ?? Infinity;
  const cheapestFirst = (a: SupplierItem[], b: SupplierItem[]) => lotCost(a) - lotCost(b) || Math.min(...a.map((si) => si.UnitPrice)) - Math.min(...b.map((si) => si.UnitPrice));
  const chosen = total > 0 ? groups.filter((g) => share(g) > 0) : groups.sort(cheapestFirst).slice(0, 1);
  return chosen.map((offers) => {
    const mine = total > 0 ? (lot * share(offers)) / total : lot;
    const tier = cheapestLot(mine, offers)?.offer ?? offers.reduce((a, b) => (b.MinOrderQty < a.MinOrderQty ? b : a));
    return {
      supplier: tier.Supplier,
      share: total > 0 ? share(offers) / total : 1,
      leadDays: tier.LeadTimeDays ?? item.LeadTimeDays ?? 0,
      minOrderQty: tier.MinOrderQty,
      orderMultiple: tier.OrderMultiple ?? 0,
      unitPrice: tier.UnitPrice,
      offers,
    };
  });
}

/**
 * What of each receipt, in the order they arrive, is usable: while stock is below safety stock the
 * first receipts refill it. The one rule for the plan, the schedule, stranded material and run-out.
 */
export function afterSafetyRefill(onHand: number, safetyStock: number, receipts: ArrayLike<number>): number[] {
  let deficit = Math.max(0, safetyStock - onHand);
  return Array.from(receipts, (q) => {
    const refill = Math.min(deficit, q);
    deficit -= refill;
    return q - refill;
  });
}

/** `lot`: the plan's whole need of the item, which picks its price tier. */
export function materialSupply(item: Item, plant: Plant, b: Buckets, lot: number): MaterialSupply {
  const receipts = new Float64Array(b.count);
  for (const po of plant.PurchaseOrders) {
    // Lines bought for one order are that order's alone (dedicated.ts), not common supply.
    if (po.ReceivedDate !== undefined || key(po.Item) !== key(item.ItemId) || isDedicated(po)) continue;
    const t = Math.max(0, bucketIndex(b, po.DueDate));
    if (t < b.count) receipts[t] += po.Quantity;
  }
  const onHand = Math.max(0, item.OnHand - heldOnHand(poolsOfItem(plant, item, b)));
  const usableReceipts = Float64Array.from(afterSafetyRefill(onHand, item.SafetyStock, receipts));
  const suppliers = supplierShares(item, plant, lot);
  const leadDays = suppliers.length ? Math.max(...suppliers.map((s) => s.leadDays)) : (item.LeadTimeDays ?? 0);
  const leadBucket = leadBuckets(b, leadDays);
  const usable = Math.max(0, onHand - item.SafetyStock);
  let firstAvailable = leadBucket < b.count ? leadBucket : Infinity;
  let cum = usable;
  for (let t = 0; t < Math.min(b.count, firstAvailable); t++) {
    cum += usableReceipts[t];
    if (cum > 0) {
      firstAvailable = t;
      break;
    }
  }
  // One supplier buys the whole need at the tier its cheapest lot reaches (a higher tier's
  // MinOrderQty when that costs less in total), so the LP's purchase price is that lot's price;
  // split over shares, the price of the tier the whole need reaches, as the quote prices it.
  const unitPrice = (suppliers.length === 1 && suppliers[0].share === 1 ? suppliers[0].unitPrice : purchasePrice(item, lot, plantNetwork(plant))?.price) ?? 0;
  return { item, usable, receipts, usableReceipts, leadDays, leadBucket, firstAvailable, suppliers, unitPrice };
}
