// Purchase suggestions from the plan's net purchases, as MRP lot-for-lot with lot sizing: the plan
// says how much of a Buy item must arrive in each bucket beyond stock and open POs (its net need);
// each approved supplier takes its SharePct of that need, and an order is suggested only when the
// supplier's earlier suggestions no longer cover its share of the cumulative need. An order is the
// uncovered quantity in whole units, raised to the supplier's MinOrderQty and then to a multiple of
// its OrderMultiple; what a lot brings beyond the bucket's need is carried into the later buckets.
// So a supplier is never asked for more than its share of the need plus one minimum lot (or
// multiple), however many buckets the need is spread over. A supplier with price tiers (SupplierItems
// lines with rising MinOrderQty) is asked for the lot that costs least in total (cheapestLot): the
// need at the tier it reaches, or a higher tier's MinOrderQty when that costs less.
import type { SupplierItem } from '../domain';
import { solverTol } from '../lp/model';
import type { MaterialVars } from './build-model';
import { tierFor } from '../network';

/** One supplier's part of an item's purchases. */
export interface LotRule {
  supplier: string;
  /** fraction of the item's need, shares sum to 1 */
  share: number;
  minOrderQty: number;
  /** order in multiples of this (0 or 1: any whole quantity) */
  orderMultiple: number;
  /** the supplier's price tiers for the item: when given, each lot is the cheapest in total (cheapestLot) */
  offers?: readonly SupplierItem[];
}

export interface SuggestedLot {
  supplier: string;
  bucket: number;
  quantity: number;
}

/** The lot for an uncovered need: whole units, at least the minimum, a multiple of the pack. */
export function lotFor(uncovered: number, rule: Pick<LotRule, 'minOrderQty' | 'orderMultiple'>): number {
  let q = Math.max(Math.ceil(uncovered - solverTol(uncovered)), Math.ceil(rule.minOrderQty - 1e-9));
  if (rule.orderMultiple > 1) q = Math.ceil(q / rule.orderMultiple - 1e-9) * rule.orderMultiple;
  return q;
}

const lotRule = (si: SupplierItem) => ({ minOrderQty: si.MinOrderQty, orderMultiple: si.OrderMultiple ?? 0 });

/**
 * The lot that buys `uncovered` for least in total from one supplier's price tiers: the need at the
 * tier it reaches (the quote's rule, tierFor), or raised to a higher tier's MinOrderQty when that
 * costs less (51 at 5 = 255 beats 100 at 4 = 400; 90 at 5 = 450 does not). Never more than the
 * need plus one minimum lot. Undefined without a tier.
 */
export function cheapestLot(uncovered: number, offers: readonly SupplierItem[]): { offer: SupplierItem; quantity: number; cost: number } | undefined {
  let best: { offer: SupplierItem; quantity: number; cost: number } | undefined;
  for (const target of [uncovered, ...offers.map((o) => o.MinOrderQty).filter((m) => m > uncovered)]) {
    const offer = tierFor(offers, target);
    if (!offer) continue;
    const quantity = lotFor(target, lotRule(offer));
    const cost = quantity * offer.UnitPrice;
    if (!best || cost < best.cost - 1e-9 || (cost <= best.cost + 1e-9 && quantity < best.quantity)) best = { offer, quantity, cost };
  }
  return best;
}

/**
 * Lots per supplier for a net need per bucket (`need[t]` units must arrive in bucket t).
 * With no supplier rule (no approved supplier), one anonymous supplier '' takes it all in whole units.
 */
export function suggestLots(need: ArrayLike<number>, rules: LotRule[]): SuggestedLot[] {
  const list = rules.length ? rules : [{ supplier: '', share: 1, minOrderQty: 0, orderMultiple: 0 }];
  const out: SuggestedLot[] = [];
  for (const r of list) {
    let cumNeed = 0;
    let ordered = 0;
    for (let t = 0; t < need.length; t++) {
      cumNeed += Math.max(0, need[t]) * r.share;
      const uncovered = cumNeed - ordered;
      if (uncovered <= solverTol(cumNeed)) continue;
      const q = (r.offers && cheapestLot(uncovered, r.offers)?.quantity) ?? lotFor(uncovered, r);
      ordered += q;
      out.push({ supplier: r.supplier, bucket: t, quantity: q });
    }
  }
  // By bucket, then in the suppliers' order.
  return out.sort((a, b) => a.bucket - b.bucket);
}

/**
 * The lots the plan's purchases of one material become (its net buys per bucket, the solution's
 * values, lot-sized per supplier): what the buyer is told to buy, and what the day-by-day schedule
 * counts on arriving (the LP's fractional buys would leave a lot rounded up to whole pieces short).
 */
export function purchaseLots(mv: MaterialVars, val: (col: number) => number): SuggestedLot[] {
  const need = Float64Array.from(mv.buy, (c) => val(c));
  return suggestLots(
    need,
    mv.supply.suppliers.map((sup) => ({ supplier: sup.supplier, share: sup.share, minOrderQty: sup.minOrderQty, orderMultiple: sup.orderMultiple, offers: sup.offers })),
  );
}

