// The plant network: items, BOM lines, routings, work centers and suppliers indexed once by the
// id rule (id.ts), so validation, the plan model, the quote roll-up and the scorecard look things
// up the same way. Built once per parsed workbook (memoised on the Plant object).
import type { BomLine, Item, Operation, Plant, Supplier, SupplierItem, WorkCenter } from '../domain';
import { idKey } from './id';

export interface PlantNetwork {
  items: Map<string, Item>;
  /** operations of each item in OpSeq order: per OpSeq the preferred row (lowest Preference, else the first) */
  routings: Map<string, Operation[]>;
  /** the other rows of an item's OpSeq (alternative work centers), keyed by the preferred row, by preference */
  altRoutings: Map<Operation, Operation[]>;
  /** BOM lines of each parent in sheet order, alternates (AlternateOf filled) left out */
  bom: Map<string, BomLine[]>;
  /** alternate BOM lines of each parent: substitutes used only when the primary is short */
  alternates: Map<string, BomLine[]>;
  workCenters: Map<string, WorkCenter>;
  suppliers: Map<string, Supplier>;
  /** SupplierItems rows of each item whose supplier is approved (a supplier missing from Suppliers is not) */
  approvedOffers: Map<string, SupplierItem[]>;
}

const built = new WeakMap<Plant, PlantNetwork>();

const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** The network of a parsed workbook; the same object for the same Plant. */
export function plantNetwork(plant: Plant): PlantNetwork {
  const hit = built.get(plant);
  if (hit) return hit;
  const items = new Map<string, Item>();
  for (const i of plant.Items) if (!items.has(idKey(i.ItemId))) items.set(idKey(i.ItemId), i);
  const routings = new Map<string, Operation[]>();
  // Rows of one Item and OpSeq are alternatives: the preferred one is the operation everyone reads
  // (costs, progress, the plan's flow); the plan may also load the others (altRoutings).
  const rows = new Map<string, Operation[]>();
  for (const r of plant.Routing) push(rows, `${idKey(r.Item)}|${r.OpSeq}`, r);
  const altRoutings = new Map<Operation, Operation[]>();
  for (const group of rows.values()) {
    const byPref = group.slice().sort((a, b) => (a.Preference ?? Infinity) - (b.Preference ?? Infinity)); // stable: sheet order otherwise
    push(routings, idKey(byPref[0].Item), byPref[0]);
    if (byPref.length > 1) altRoutings.set(byPref[0], byPref.slice(1));
  }
  for (const ops of routings.values()) ops.sort((a, b) => a.OpSeq - b.OpSeq);
  const bom = new Map<string, BomLine[]>();
  const alternates = new Map<string, BomLine[]>();
  for (const l of plant.BOM) push(l.AlternateOf ? alternates : bom, idKey(l.Parent), l);
  const workCenters = new Map(plant.WorkCenters.map((w) => [idKey(w.WorkCenterId), w]));
  const suppliers = new Map(plant.Suppliers.map((s) => [idKey(s.SupplierId), s]));
  const approvedOffers = new Map<string, SupplierItem[]>();
  for (const si of plant.SupplierItems) if (suppliers.get(idKey(si.Supplier))?.Approved) push(approvedOffers, idKey(si.Item), si);
  const net = { items, routings, altRoutings, bom, alternates, workCenters, suppliers, approvedOffers };
  built.set(plant, net);
  return net;
}
