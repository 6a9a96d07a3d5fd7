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
// The explosion itself (effectivity on the order's release date, alternates left out, cycles
// stopped) is the plant network's one BOM explosion (shared/network/explode.ts); this file turns
// its tree into operations. A Make item without a routing passes its components straight to its
// parent. Setup is counted once per item per order: SetupHours is spread over the item's whole
// lot in the order (all its paths), as the quote roll-up does.
import type { Item, Operation, Order } from '../domain';
import type { Day } from '../dates';
import { explodeBom, idKey as key, usageByItem, type BomNode, type PlantNetwork } from '../network';

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
  /**
   * Alternative work centers (Routing rows of the same Item and OpSeq), the preferred first, each
   * with its own hours; only when there are several. The plan may split the units across them.
   */
  centers?: WorkCenterChoice[];
}

export interface WorkCenterChoice {
  op: Operation;
  /** lower-case work center id */
  wc: string;
  hoursPerUnit: number;
  /** 0 = preferred, 1 = next, … */
  rank: number;
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

const tidyCache = new Map<string, string>();
/** Letters and digits of an id, for labels; remembered (a plant has few ids, an order many labels). */
const tidy = (s: string): string => {
  let t = tidyCache.get(s);
  if (t === undefined) {
    if (tidyCache.size > 100_000) tidyCache.clear();
    tidyCache.set(s, (t = s.replace(/[^A-Za-z0-9]+/g, '')));
  }
  return t;
};

/**
 * The BOM explosion of an item on a day and its lot per unit, shared by the orders of that item
 * released that day (the trees are only read), per plant network.
 */
const explosions = new WeakMap<PlantNetwork, Map<string, { tree: BomNode[]; lotOf: Map<string, number> }>>();
function explosionOf(net: PlantNetwork, root: Item, release: Day) {
  let byKey = explosions.get(net);
  if (!byKey) explosions.set(net, (byKey = new Map()));
  const k = `${key(root.ItemId)}|${release}`;
  let e = byKey.get(k);
  if (!e) {
    const tree = explodeBom(net, root, release);
    byKey.set(k, (e = { tree, lotOf: usageByItem(tree) }));
  }
  return e;
}

/** The order's part tree; `release` picks the effective BOM lines. Undefined if the item is unknown. */
export function explodeOrder(order: Order, release: Day, net: PlantNetwork): PartNode | undefined {
  const root = net.items.get(key(order.Item));
  if (!root) return undefined;
  const { tree, lotOf } = explosionOf(net, root, release); // lotOf: units of each item per order unit, over all its paths
  return partOf({ order, net, lotOf, seen: new Map() }, tree[0], order.Quantity, 1, true);
}

/**
 * What building one order's part tree reads. The builders are module functions, not closures
 * made per order: a closure's optimised code was compiled again on every plan (1,000 orders).
 */
interface Explosion {
  order: Order;
  net: PlantNetwork;
  lotOf: Map<string, number>;
  /** nodes made so far per item (a repeated item gets tag 2, 3, …) */
  seen: Map<string, number>;
}

function partOf(x: Explosion, bn: BomNode, qty: number, perOrderUnit: number, isRoot: boolean): PartNode {
  const { net, seen } = x;
  const item = bn.item;
  const n = (seen.get(key(item.ItemId)) ?? 0) + 1;
  seen.set(key(item.ItemId), n);
  const node: PartNode = { item, qty, perOrderUnit, ops: [], makeChildren: [], buyChildren: [], tag: n > 1 ? String(n) : '' };
  const prefix = isRoot ? '' : `${tidy(item.ItemId)}${node.tag}_`;
  const lot = x.order.Quantity * x.lotOf.get(key(item.ItemId))!;
  for (const op of net.routings.get(key(item.ItemId)) ?? []) {
    const alts = net.altRoutings.get(op);
    node.ops.push({
      ...(alts ? { centers: [op, ...alts].map((r, rank) => ({ op: r, wc: key(r.WorkCenter), hoursPerUnit: r.RunHoursPerUnit + r.SetupHours / lot, rank })) } : {}),
      node,
      label: `${prefix}${tidy(op.WorkCenter)}${op.OpSeq}`,
      op,
      wc: key(op.WorkCenter),
      hoursPerUnit: op.RunHoursPerUnit + op.SetupHours / lot,
      subcontract: op.Subcontract && op.SubcontractCostPerUnit !== undefined,
    });
  }
  addComponents(x, node, bn, 1);
  return node;
}

/**
 * Adds the components of `bn` to `node`, `mult` units of bn's item per unit of node's item
 * (mult ≠ 1 only when passing through a Make item that has no routing).
 */
function addComponents(x: Explosion, node: PartNode, bn: BomNode, mult: number) {
  for (const c of bn.children) {
    const ratio = mult * c.ratio;
    if (c.item.Type === 'Buy') {
      const same = node.buyChildren.find((b) => b.item === c.item);
      if (same) same.ratio += ratio;
      else node.buyChildren.push({ item: c.item, ratio });
    } else if ((x.net.routings.get(key(c.item.ItemId)) ?? []).length === 0) {
      addComponents(x, node, c, ratio);
    } else {
      node.makeChildren.push({ node: partOf(x, c, node.qty * ratio, node.perOrderUnit * ratio, false), ratio });
    }
  }
}

/** Every node of a tree, parents before children. */
export function nodesOf(root: PartNode): PartNode[] {
  const out: PartNode[] = [];
  pushNodes(out, root);
  return out;
}

function pushNodes(out: PartNode[], n: PartNode) {
  out.push(n);
  for (const c of n.makeChildren) pushNodes(out, c.node);
}
