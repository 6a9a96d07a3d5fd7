// An order's operation network: its item's routing, preceded by the routings of its Make
// components, exploded through the multi-level BOM.
//
// How components precede the parent: each Make component is a branch of its own (its routing in
// OpSeq order); the parent's first operation can start a unit only when every Make component's
// last operation has delivered QtyPer × (1 + ScrapPct/100) units for it, and the Buy components
// of the parent are drawn from stock when that first operation starts. Branches run in parallel,
// as components are made in parallel on the shop floor, and within a bucket work may flow on to
// the next operation (a bucketed plan, not a sequence within the day).
//
// BOM lines count only when ValidFrom ≤ release date ≤ ValidTo (engineering-change effectivity,
// judged on the order's release date). Lines with AlternateOf are substitutes, not extra parts,
// and are left out. A Make item without a routing passes its components straight to its parent.
import type { BomLine, Item, Operation, Order, Plant } from '../domain';
import type { Day } from '../dates';
import { key } from './capacity';

export interface PlanOp {
  node: PartNode;
  /** readable label: ASSY10, or SAIMPELLER_CNC20 for a component's operation */
  label: string;
  op: Operation;
  /** lower-case work center id */
  wc: string;
  /** run hours plus setup spread over the lot: RunHoursPerUnit + SetupHours / lot quantity */
  hoursPerUnit: number;
  subcontract: boolean;
}

export interface PartLink {
  node: PartNode;
  /** units of the component per unit of the parent: QtyPer × (1 + ScrapPct/100) */
  ratio: number;
}

export interface PartNode {
  item: Item;
  /** units of this item the order needs */
  qty: number;
  /** units of this item per unit of the order */
  perOrderUnit: number;
  ops: PlanOp[];
  makeChildren: PartLink[];
  buyChildren: { item: Item; ratio: number }[];
  /** tag to tell repeated components apart in labels ('' for the first) */
  tag: string;
}

export interface PlantIndex {
  items: Map<string, Item>;
  routings: Map<string, Operation[]>;
  bom: Map<string, BomLine[]>;
}

export function plantIndex(plant: Plant): PlantIndex {
  const items = new Map(plant.Items.map((i) => [key(i.ItemId), i]));
  const routings = new Map<string, Operation[]>();
  for (const r of plant.Routing) {
    const k = key(r.Item);
    if (!routings.has(k)) routings.set(k, []);
    routings.get(k)!.push(r);
  }
  for (const ops of routings.values()) ops.sort((a, b) => a.OpSeq - b.OpSeq);
  const bom = new Map<string, BomLine[]>();
  for (const l of plant.BOM) {
    if (l.AlternateOf) continue;
    const k = key(l.Parent);
    if (!bom.has(k)) bom.set(k, []);
    bom.get(k)!.push(l);
  }
  return { items, routings, bom };
}

const effective = (l: BomLine, day: Day): boolean => (l.ValidFrom === undefined || l.ValidFrom <= day) && (l.ValidTo === undefined || day <= l.ValidTo);
const tidy = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '');

/** The order's part tree; `release` picks the effective BOM lines. Undefined if the item is unknown. */
export function explodeOrder(order: Order, release: Day, idx: PlantIndex): PartNode | undefined {
  const root = idx.items.get(key(order.Item));
  if (!root) return undefined;
  const seen = new Map<string, number>();
  const build = (item: Item, qty: number, perOrderUnit: number, isRoot: boolean, depth: number): PartNode => {
    const n = (seen.get(key(item.ItemId)) ?? 0) + 1;
    seen.set(key(item.ItemId), n);
    const node: PartNode = { item, qty, perOrderUnit, ops: [], makeChildren: [], buyChildren: [], tag: n > 1 ? String(n) : '' };
    const prefix = isRoot ? '' : `${tidy(item.ItemId)}${node.tag}_`;
    for (const op of idx.routings.get(key(item.ItemId)) ?? []) {
      node.ops.push({
        node,
        label: `${prefix}${tidy(op.WorkCenter)}${op.OpSeq}`,
        op,
        wc: key(op.WorkCenter),
        hoursPerUnit: op.RunHoursPerUnit + op.SetupHours / qty,
        subcontract: op.Subcontract && op.SubcontractCostPerUnit !== undefined,
      });
    }
    addComponents(node, item, 1, depth);
    return node;
  };
  // Adds the effective components of `item` to `node`, `mult` units of item per unit of node
  // (mult ≠ 1 only when passing through a Make item that has no routing).
  const addComponents = (node: PartNode, item: Item, mult: number, depth: number) => {
    if (depth > 50) return; // cycles are rejected by validation; this only guards against loops
    for (const l of idx.bom.get(key(item.ItemId)) ?? []) {
      if (!effective(l, release)) continue;
      const comp = idx.items.get(key(l.Component));
      if (!comp) continue;
      const ratio = mult * l.QtyPer * (1 + l.ScrapPct / 100);
      if (comp.Type === 'Buy') {
        const same = node.buyChildren.find((b) => b.item === comp);
        if (same) same.ratio += ratio;
        else node.buyChildren.push({ item: comp, ratio });
      } else if ((idx.routings.get(key(comp.ItemId)) ?? []).length === 0) {
        addComponents(node, comp, ratio, depth + 1);
      } else {
        node.makeChildren.push({ node: build(comp, node.qty * ratio, node.perOrderUnit * ratio, false, depth + 1), ratio });
      }
    }
  };
  return build(root, order.Quantity, 1, true, 0);
}

/** Every node of a tree, parents before children. */
export function nodesOf(root: PartNode): PartNode[] {
  const out: PartNode[] = [];
  const walk = (n: PartNode) => {
    out.push(n);
    for (const c of n.makeChildren) walk(c.node);
  };
  walk(root);
  return out;
}
