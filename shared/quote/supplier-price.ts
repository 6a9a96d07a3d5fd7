// The purchase price of a Buy item for a lot: the cheapest approved supplier whose MinOrderQty the
// lot reaches (a tiny tolerance absorbs float error in exploded lots such as 0.1 × 1.02 × 10),
// else the item's StdCost.
import type { Item, Plant, SupplierItem } from '../domain';

export interface PurchasePrice {
  price: number;
  /** SupplierId, or 'StdCost' when no approved supplier price fits the lot */
  source: string;
  /** the SupplierItems row behind the price */
  offer?: SupplierItem;
}

const key = (s: string) => s.toLowerCase();

/** Supplier prices per item, approved suppliers only (a supplier missing from Suppliers is not approved). */
export function approvedPrices(plant: Plant): Map<string, SupplierItem[]> {
  const approved = new Set(plant.Suppliers.filter((s) => s.Approved).map((s) => key(s.SupplierId)));
  const out = new Map<string, SupplierItem[]>();
  for (const si of plant.SupplierItems) {
    if (!approved.has(key(si.Supplier))) continue;
    out.set(key(si.Item), [...(out.get(key(si.Item)) ?? []), si]);
  }
  return out;
}

/** Undefined when nothing prices the item (no fitting approved supplier and no StdCost). */
export function purchasePrice(item: Item, lot: number, prices: Map<string, SupplierItem[]>): PurchasePrice | undefined {
  let best: SupplierItem | undefined;
  for (const si of prices.get(key(item.ItemId)) ?? [])
    if (si.MinOrderQty <= lot * (1 + 1e-9) && (!best || si.UnitPrice < best.UnitPrice)) best = si;
  if (best) return { price: best.UnitPrice, source: best.Supplier, offer: best };
  return item.StdCost === undefined ? undefined : { price: item.StdCost, source: 'StdCost' };
}
