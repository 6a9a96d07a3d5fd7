// Purchase price review (核价): every PO line of a period against the approved price for its
// supplier, item and quantity tier.
//
// - A line belongs to the period of its ReceivedDate, or of its DueDate while still open.
// - The approved price is the SupplierItems row of the line's supplier and item with the largest
//   MinOrderQty the line's quantity reaches (the tier); below every tier, the lowest tier. A
//   subcontract lot (OpSeq filled) with no SupplierItems row is held to its operation's
//   SubcontractCostPerUnit in Routing.
// - Flagged: price above the approved price by more than PriceTolerancePct (Settings, default 2);
//   no approved price at all; a supplier not on the approved vendor list (Suppliers.Approved = N,
//   or missing from Suppliers when that sheet is there); more ordered than the plan suggested.
// - Quantity against a plan (when one is given: a stored plan run or a plan of the same book):
//   the plan's purchase suggestions of the line's item from its supplier, summed over the plan.
import type { Day } from '../dates';
import type { Plant, PurchaseOrder } from '../domain';
import { cellOf } from '../parse';
import { inPeriod, quarterOf, type Period } from '../suppliers/period';

const key = (s: string) => s.toLowerCase();

export type PriceFlag = 'overTolerance' | 'noApprovedPrice' | 'notOnAvl' | 'belowTiers' | 'aboveSuggestion';

/** A plan's purchase suggestion, as the plan answer gives it. */
export interface PlanSuggestion {
  item: string;
  supplier: string;
  quantity: number;
}

/** The plan the quantities are held against: where it comes from ("run 12") and its suggestions. */
export interface SuggestingPlan {
  source: string;
  suggestions: PlanSuggestion[];
}

export interface PriceReviewLine {
  po: PurchaseOrder;
  date: Day;
  approvedPrice?: number;
  /** MinOrderQty of the tier used, or undefined for a Routing subcontract price */
  tierQty?: number;
  /** cell of the approved price */
  approvedRef?: string;
  /** (UnitPrice − approved) / approved */
  deviationPct?: number;
  /** (UnitPrice − approved) × Quantity */
  deviation?: number;
  /** the plan's suggested quantity of this item from this supplier (none: no plan, or it suggests none) */
  suggestedQty?: number;
  /** Quantity − suggestedQty */
  vsSuggestion?: number;
  flags: PriceFlag[];
  ref: string;
}

export interface PriceReview {
  period: Period;
  tolerancePct: number;
  lines: PriceReviewLine[];
  /** the plan quantities were held against */
  plan?: string;
}

export const lineDate = (po: PurchaseOrder): Day => po.ReceivedDate ?? po.DueDate;

/** The latest quarter with any PO line, for a review asked without a period. */
export function latestQuarterWithLines(plant: Plant): Period | undefined {
  let last: Day | undefined;
  for (const po of plant.PurchaseOrders) if (!last || lineDate(po) > last) last = lineDate(po);
  return last ? quarterOf(last) : undefined;
}

export function reviewPrices(plant: Plant, period: Period, plan?: SuggestingPlan): PriceReview {
  const tol = plant.settings.PriceTolerancePct;
  const ref = (sheet: string, rec: { row: number }, col: string) => `${plant.sheetNames[sheet] ?? sheet}!${cellOf(plant, sheet, rec, col)}`;
  const suppliers = new Map(plant.Suppliers.map((s) => [key(s.SupplierId), s]));
  const avlKnown = plant.cells.Suppliers !== undefined;
  const lines: PriceReviewLine[] = [];
  for (const po of plant.PurchaseOrders) {
    const date = lineDate(po);
    if (!inPeriod(date, period)) continue;
    const flags: PriceFlag[] = [];
    const s = suppliers.get(key(po.Supplier));
    if (avlKnown && !s?.Approved) flags.push('notOnAvl');
    const tiers = plant.SupplierItems.filter((si) => key(si.Supplier) === key(po.Supplier) && key(si.Item) === key(po.Item)).sort((a, b) => a.MinOrderQty - b.MinOrderQty);
    let approvedPrice: number | undefined;
    let tierQty: number | undefined;
    let approvedRef: string | undefined;
    if (tiers.length) {
      const fit = [...tiers].reverse().find((t) => t.MinOrderQty <= po.Quantity + 1e-9);
      if (!fit) flags.push('belowTiers');
      const t = fit ?? tiers[0];
      [approvedPrice, tierQty, approvedRef] = [t.UnitPrice, t.MinOrderQty, ref('SupplierItems', t, 'UnitPrice')];
    } else if (po.OpSeq !== undefined) {
      const op = plant.Routing.find((r) => key(r.Item) === key(po.Item) && r.OpSeq === po.OpSeq);
      if (op?.SubcontractCostPerUnit !== undefined) [approvedPrice, approvedRef] = [op.SubcontractCostPerUnit, ref('Routing', op, 'SubcontractCostPerUnit')];
    }
    let deviationPct: number | undefined;
    let deviation: number | undefined;
    if (approvedPrice === undefined) flags.push('noApprovedPrice');
    else {
      deviation = (po.UnitPrice - approvedPrice) * po.Quantity;
      deviationPct = approvedPrice > 0 ? (po.UnitPrice - approvedPrice) / approvedPrice : po.UnitPrice > 0 ? Infinity : 0;
      // A tiny epsilon so a price exactly at the tolerance is not flagged by float error.
      if (deviationPct > tol / 100 + 1e-9) flags.push('overTolerance');
    }
    const suggested = plan?.suggestions.filter((g) => key(g.item) === key(po.Item) && key(g.supplier) === key(po.Supplier));
    const suggestedQty = suggested?.length ? suggested.reduce((a, g) => a + g.quantity, 0) : undefined;
    const vsSuggestion = suggestedQty === undefined ? undefined : po.Quantity - suggestedQty;
    if (vsSuggestion !== undefined && vsSuggestion > 1e-9) flags.push('aboveSuggestion');
    lines.push({ po, date, approvedPrice, tierQty, approvedRef, deviationPct: Number.isFinite(deviationPct) ? deviationPct : undefined, deviation, suggestedQty, vsSuggestion, flags, ref: ref('PurchaseOrders', po, 'UnitPrice') });
  }
  return { period, tolerancePct: tol, lines, ...(plan ? { plan: plan.source } : {}) };
}

export const FLAG_TEXT: Record<PriceFlag, { en: string; zh: string }> = {
  overTolerance: { en: 'over the approved price', zh: '高于核定价格' },
  noApprovedPrice: { en: 'no approved price', zh: '无核定价格' },
  notOnAvl: { en: 'supplier not on the approved list', zh: '非合格供应商' },
  belowTiers: { en: 'below every price tier', zh: '低于所有价格档的起订量' },
  aboveSuggestion: { en: 'more than the plan suggested', zh: '超过计划建议数量' },
};
