// The cost roll-up of one quote line: material, labour, overhead and subcontract per finished
// unit, with every figure traceable to a BOM line, supplier price or operation.
//
// Rules (docs/design.md §4):
// - material: each Buy item on each BOM path costs usage × purchase price, usage = Π QtyPer ×
//   (1 + ScrapPct/100) along the path. The price is chosen for the item's whole lot in this quote
//   (quote quantity × its total exploded usage over all paths: one purchase per quote).
// - labour / overhead: each operation of each Make item costs (SetupHours + RunHoursPerUnit × lot)
//   hours for the lot, where lot = quote quantity × the item's total exploded usage; divided by the
//   quote quantity that is hours per finished unit, × LabourRate and × OverheadRate. One setup per
//   item per quote, so setup per unit falls as the quantity rises.
// - subcontract: operations that MAY be subcontracted (Subcontract = Y) are costed in-house by
//   default, because the quote assumes the plant's own capacity. Only when the work center has no
//   capacity of its own (HoursPerDay × DaysPerWeek × Units = 0) is the operation costed at
//   SubcontractCostPerUnit × usage, as the subcontract element. Subcontracting to meet a date is
//   priced separately, in the rush premium.
import type { Day } from '../dates';
import type { BomLine, Item, Plant, WorkCenter } from '../domain';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { effectiveOn, explodeBom, idKey as key, plantNetwork, purchasePrice, type BomNode } from '../network';

export const COST_ELEMENTS = ['material', 'labour', 'overhead', 'subcontract'] as const;
export type CostElement = (typeof COST_ELEMENTS)[number];
export type Breakdown = Record<CostElement, number>;

/** One auditable line: qty × unitPrice = extended, all per finished unit. */
export interface CostLine {
  element: CostElement;
  /** BOM level of the item: 0 = the quoted item */
  level: number;
  /** FG-PUMP-100 > SA-IMPELLER > RM-STEEL-PLATE (several paths joined by "; " for operations) */
  path: string;
  item: string;
  workCenter?: string;
  opSeq?: number;
  /** per finished unit: material units, labour/overhead hours, or units subcontracted */
  qty: number;
  uom: string;
  /** purchase price, hourly rate or subcontract price */
  unitPrice: number;
  /** qty × unitPrice: cost per finished unit */
  extended: number;
  /** the lot this line is priced or spread over (units of this item for the whole quote) */
  lot: number;
  setupHours?: number;
  runHoursPerUnit?: number;
  /** where the price or rate comes from: a SupplierId, StdCost, LabourRate, OverheadRate, SubcontractCostPerUnit */
  source: string;
  /** the input cell behind the price or rate, e.g. SupplierItems!C3 */
  ref: string;
  /**
   * A Buy component's alternates (BOM AlternateOf, valid on the quote's date): the cost is the
   * primary's; each alternate's cost per finished unit minus this line's, were it used instead.
   */
  alternates?: { item: string; difference: number }[];
}

/**
 * One term of the cost as a sum: coef × the multipliers of the risk factors named in `factors`
 * (keys `Factor|id`) × the scrap multipliers of the BOM lines in `scrap`. With every multiplier at
 * 1, the terms add up to the unit cost. The simulation compiles these once (risk.ts).
 */
export interface CostTerm {
  element: CostElement;
  coef: number;
  factors: string[];
  scrap: BomLine[];
}

export interface Rollup {
  breakdown: Breakdown;
  unitCost: number;
  lines: CostLine[];
  terms: CostTerm[];
  problems: Problem[];
}

export const factorKey = (factor: string, id: string): string => `${factor}|${key(id)}`;
/** Weekly hours of a work center's own; 0 means it exists only as a subcontract route. */
export const ownCapacity = (wc: WorkCenter): number => wc.HoursPerDay * wc.DaysPerWeek * wc.Units;

export function rollUp(plant: Plant, root: Item, quantity: number, date: Day | undefined): Rollup {
  const net = plantNetwork(plant);
  const nodes = explodeBom(net, root, date);
  const wcs = net.workCenters;
  const routing = net.routings;
  const ref = (sheet: string, rec: { row: number }, col: string) => `${plant.sheetNames[sheet] ?? sheet}!${cellOf(plant, sheet, rec, col)}`;

  // Each item's nodes: its lot is the quote quantity times its usage summed over every path.
  const byItem = new Map<string, BomNode[]>();
  for (const n of nodes) byItem.set(key(n.item.ItemId), [...(byItem.get(key(n.item.ItemId)) ?? []), n]);
  const lotOf = (id: string) => quantity * byItem.get(key(id))!.reduce((s, n) => s + n.usage, 0);
  const scrapOf = (n: BomNode) => n.via.filter((b) => b.ScrapPct > 0);

  const lines: CostLine[] = [];
  const terms: CostTerm[] = [];
  const problems: Problem[] = [];
  const done = new Set<string>();
  for (const n of nodes) {
    const id = n.item.ItemId;
    const lot = lotOf(id);
    if (n.item.Type === 'Buy') {
      const p = purchasePrice(n.item, lot, net);
      if (!p) {
        if (!done.has(key(id)))
          problems.push(problem(plant.sheetNames.Items ?? 'Items', cellOf(plant, 'Items', n.item, 'StdCost'), `Buy item "${id}" has no price for a lot of ${round(lot)}: enter its StdCost or an approved supplier price (SupplierItems) whose MinOrderQty fits`, `外购物料“${id}”在批量 ${round(lot)} 下没有价格：请填写标准成本，或在供应商物料表中添加最小订购量适合的合格供应商价格`));
        done.add(key(id));
        continue;
      }
      lines.push({
        element: 'material', level: n.level, path: n.path.join(' > '), item: id, qty: n.usage, uom: n.item.Uom ?? '',
        unitPrice: p.price, extended: n.usage * p.price, lot, source: p.source,
        ref: p.offer ? ref('SupplierItems', p.offer, 'UnitPrice') : ref('Items', n.item, 'StdCost'),
      });
      terms.push({ element: 'material', coef: n.usage * p.price, factors: [factorKey('Price', id)], scrap: scrapOf(n) });
      const parent = n.via[n.via.length - 1]?.Parent;
      const alts = parent ? (net.alternates.get(key(parent)) ?? []).filter((l) => key(l.AlternateOf!) === key(id) && effectiveOn(l, date)) : [];
      const diffs = alts.flatMap((l) => {
        const alt = net.items.get(key(l.Component));
        const ratio = l.QtyPer * (1 + l.ScrapPct / 100);
        const usage = (n.usage / n.ratio) * ratio;
        const ap = alt ? purchasePrice(alt, (lot / n.usage) * usage, net) : undefined;
        return alt && ap ? [{ item: alt.ItemId, difference: usage * ap.price - n.usage * p.price }] : [];
      });
      if (diffs.length) lines[lines.length - 1].alternates = diffs;
      continue;
    }
    // A Make item: its operations once (setup once per quote), run time from every path.
    if (done.has(key(id))) continue;
    done.add(key(id));
    const paths = byItem.get(key(id))!;
    for (const op of routing.get(key(id)) ?? []) {
      const wc = wcs.get(key(op.WorkCenter));
      if (!wc) continue; // validation reports unknown work centers
      const common = { level: n.level, path: paths.map((m) => m.path.join(' > ')).join('; '), item: id, workCenter: wc.WorkCenterId, opSeq: op.OpSeq, lot };
      if (op.Subcontract && ownCapacity(wc) === 0) {
        const price = op.SubcontractCostPerUnit ?? 0;
        const units = lot / quantity;
        lines.push({ ...common, element: 'subcontract', qty: units, uom: n.item.Uom ?? '', unitPrice: price, extended: units * price, source: 'SubcontractCostPerUnit', ref: ref('Routing', op, 'SubcontractCostPerUnit') });
        for (const m of paths) terms.push({ element: 'subcontract', coef: m.usage * price, factors: [factorKey('Price', id), factorKey('Price', wc.WorkCenterId)], scrap: scrapOf(m) });
        continue;
      }
      const hours = (op.SetupHours + op.RunHoursPerUnit * lot) / quantity;
      const opInfo = { setupHours: op.SetupHours, runHoursPerUnit: op.RunHoursPerUnit };
      lines.push({ ...common, ...opInfo, element: 'labour', qty: hours, uom: 'h', unitPrice: wc.LabourRate, extended: hours * wc.LabourRate, source: 'LabourRate', ref: ref('WorkCenters', wc, 'LabourRate') });
      lines.push({ ...common, ...opInfo, element: 'overhead', qty: hours, uom: 'h', unitPrice: wc.OverheadRate, extended: hours * wc.OverheadRate, source: 'OverheadRate', ref: ref('WorkCenters', wc, 'OverheadRate') });
      // Setup: once per lot, so not scaled by run-hour or scrap factors.
      const labourRate = [factorKey('LabourRate', wc.WorkCenterId), factorKey('LabourRate', id)];
      const runHours = [factorKey('RunHours', id), factorKey('RunHours', wc.WorkCenterId)];
      terms.push({ element: 'labour', coef: (op.SetupHours / quantity) * wc.LabourRate, factors: labourRate, scrap: [] });
      terms.push({ element: 'overhead', coef: (op.SetupHours / quantity) * wc.OverheadRate, factors: [], scrap: [] });
      for (const m of paths) {
        terms.push({ element: 'labour', coef: op.RunHoursPerUnit * m.usage * wc.LabourRate, factors: [...runHours, ...labourRate], scrap: scrapOf(m) });
        terms.push({ element: 'overhead', coef: op.RunHoursPerUnit * m.usage * wc.OverheadRate, factors: runHours, scrap: scrapOf(m) });
      }
    }
  }
  const breakdown: Breakdown = { material: 0, labour: 0, overhead: 0, subcontract: 0 };
  for (const l of lines) breakdown[l.element] += l.extended;
  const unitCost = breakdown.material + breakdown.labour + breakdown.overhead + breakdown.subcontract;
  return { breakdown, unitCost, lines, terms, problems };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
