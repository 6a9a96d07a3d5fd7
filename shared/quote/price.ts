// From cost to price. Markups load each cost element first; the margin is then taken on the price:
//
//   loaded  = material × (1 + MaterialMarkupPct/100) + labour × (1 + LabourMarkupPct/100)
//           + overhead × (1 + OverheadMarkupPct/100) + subcontract × (1 + SubcontractMarkupPct/100)
//   price   = loaded / (1 − MarginPct/100)
//
// so MarginPct is the gross margin of the price over the loaded cost (20 → loaded cost is 80% of
// the price). A blank markup is 0. Price is linear in the element costs, which lets the simulation
// price every draw with one extra multiply-add per term.
import type { QuoteLine } from '../domain';
import type { Breakdown, CostElement } from './rollup';

/** Price per unit of each element's cost: (1 + markup) / (1 − margin). */
export function priceFactors(q: Pick<QuoteLine, 'MarginPct' | 'MaterialMarkupPct' | 'LabourMarkupPct' | 'OverheadMarkupPct' | 'SubcontractMarkupPct'>): Record<CostElement, number> {
  const onPrice = 1 / (1 - (q.MarginPct ?? 0) / 100);
  return {
    material: (1 + (q.MaterialMarkupPct ?? 0) / 100) * onPrice,
    labour: (1 + (q.LabourMarkupPct ?? 0) / 100) * onPrice,
    overhead: (1 + (q.OverheadMarkupPct ?? 0) / 100) * onPrice,
    subcontract: (1 + (q.SubcontractMarkupPct ?? 0) / 100) * onPrice,
  };
}

export const priceOf = (b: Breakdown, f: Record<CostElement, number>): number =>
  b.material * f.material + b.labour * f.labour + b.overhead * f.overhead + b.subcontract * f.subcontract;
