// The one purchase-price rule, used by the quote roll-up and the plan: the price of a Buy item
// for a lot is the cheapest approved supplier whose MinOrderQty the lot reaches (a tiny tolerance
// absorbs float error in exploded lots such as 0.1 × 1.02 × 10), else the item's StdCost.
import type { Item, SupplierItem } from '../domain';
import { idKey } from './id';
import type { PlantNetwork } from './network';

export interface PurchasePrice {
  price: number;
  /** SupplierId, or 'StdCost' when no approved supplier price fits the lot */
  source: string;
  /** the SupplierItems row behind the price */
  offer?: SupplierItem;
}

/** The price tier a lot reaches: the cheapest of `offers` whose MinOrderQty the lot reaches. */
export function tierFor(offers: readonly SupplierItem[], lot: number): SupplierItem | undefined {
  let best: SupplierItem | undefined;
  for (const si of offers) if (si.MinOrderQty <= lot * (1 + 1e-9) && (!best || si.UnitPrice < best.UnitPrice)) best = si;
  return best;
}

/** Undefined when nothing prices the item (no fitting approved supplier and no StdCost). */
export function purchasePrice(item: Item, lot: number, net: Pick<PlantNetwork, 'approvedOffers'>): PurchasePrice | undefined {
  const best = tierFor(net.approvedOffers.get(idKey(item.ItemId)) ?? [], lot);
  if (best) return { price: best.UnitPrice, source: best.Supplier, offer: best };
  return item.StdCost === undefined ? undefined : { price: item.StdCost, source: 'StdCost' };
}
