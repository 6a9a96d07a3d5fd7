// The one BOM explosion: every path from an item down through its effective BOM lines, with the
// usage per unit of the root (QtyPer × (1 + ScrapPct/100) multiplied along the path). The plan
// (plan/network.ts: an order's operation tree) and the quote roll-up both read this tree.
//
// Rules, the same for every reader:
// - a line counts on `date` when ValidFrom ≤ date ≤ ValidTo (blank ends are open); with no date,
//   only lines without ValidFrom/ValidTo count (the caller asks for a date when it matters);
// - alternates (AlternateOf filled) replace a component only when it is short, so they are not
//   exploded as extra parts;
// - Buy items are leaves (a bought item is never built, even with a BOM of its own);
// - a line back to an item already on the path is skipped: a cycle (which validation reports)
//   stops there instead of looping.
import type { Day } from '../dates';
import type { BomLine, Item } from '../domain';
import { idKey } from './id';
import type { PlantNetwork } from './network';

export interface BomNode {
  item: Item;
  /** 0 = the root, 1 = its components, … */
  level: number;
  /** item ids (as spelled in Items) from the root down to this one */
  path: string[];
  /** units of this item per unit of the root, scrap included */
  usage: number;
  /** units of this item per unit of its parent: the last line's QtyPer × (1 + ScrapPct/100) */
  ratio: number;
  /** the BOM lines walked to get here (empty for the root) */
  via: BomLine[];
  /** this node's components, in BOM order */
  children: BomNode[];
}

/** A BOM line applies on `date` when date is within [ValidFrom, ValidTo]; blank ends are open. */
export const effectiveOn = (b: BomLine, date: Day | undefined): boolean =>
  date === undefined ? b.ValidFrom === undefined && b.ValidTo === undefined : (!b.ValidFrom || b.ValidFrom <= date) && (!b.ValidTo || date <= b.ValidTo);

/** `root` and every node below it, parents before children, depth-first in BOM order. */
export function explodeBom(net: PlantNetwork, root: Item, date: Day | undefined): BomNode[] {
  const out: BomNode[] = [];
  visitBom({ net, date, out, onPath: new Set<string>() }, { item: root, level: 0, path: [root.ItemId], usage: 1, ratio: 1, via: [], children: [] });
  return out;
}

/** One explosion's state; visitBom is a module function, not a closure per explosion, so its optimised code lasts from plan to plan. */
interface BomWalk {
  net: PlantNetwork;
  date: Day | undefined;
  out: BomNode[];
  onPath: Set<string>;
}

function visitBom(w: BomWalk, node: BomNode): BomNode {
  w.out.push(node);
  const k = idKey(node.item.ItemId);
  if (node.item.Type !== 'Make') return node;
  w.onPath.add(k);
  for (const b of w.net.bom.get(k) ?? []) {
    if (!effectiveOn(b, w.date) || w.onPath.has(idKey(b.Component))) continue;
    const child = w.net.items.get(idKey(b.Component));
    if (!child) continue; // validation reports unknown components
    const ratio = b.QtyPer * (1 + b.ScrapPct / 100);
    node.children.push(visitBom(w, { item: child, level: node.level + 1, path: [...node.path, child.ItemId], usage: node.usage * ratio, ratio, via: [...node.via, b], children: [] }));
  }
  w.onPath.delete(k);
  return node;
}

/** Units of each item (by idKey) per unit of the root, summed over every path: its lot per root unit. */
export function usageByItem(nodes: BomNode[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of nodes) out.set(idKey(n.item.ItemId), (out.get(idKey(n.item.ItemId)) ?? 0) + n.usage);
  return out;
}

/** BOM lines below `root`, on any date, that carry engineering-change dates (they need a date to choose). */
export function datedLinesBelow(net: PlantNetwork, root: string): BomLine[] {
  const seen = new Set<string>();
  const out: BomLine[] = [];
  const walk = (id: string) => {
    if (seen.has(idKey(id))) return;
    seen.add(idKey(id));
    for (const b of net.bom.get(idKey(id)) ?? []) {
      if (b.ValidFrom || b.ValidTo) out.push(b);
      walk(b.Component);
    }
  };
  walk(root);
  return out;
}

/**
 * A BOM cycle under the id rule, as the lines that close it (A→B, b→a), or undefined. Every line
 * counts whatever its dates: a cycle on any date would loop the explosion.
 */
export function findBomCycle<L extends Pick<BomLine, 'Parent' | 'Component'>>(bom: L[]): L[] | undefined {
  const children = new Map<string, L[]>();
  for (const l of bom) children.set(idKey(l.Parent), [...(children.get(idKey(l.Parent)) ?? []), l]);
  const state = new Map<string, 1 | 2>(); // 1 on the path, 2 done
  const path: L[] = []; // lines walked from the start to the node being visited
  const at: string[] = []; // the node each line of `path` leaves from
  const visit = (n: string): L[] | undefined => {
    if (state.get(n) === 2) return undefined;
    if (state.get(n) === 1) return path.slice(at.indexOf(n));
    state.set(n, 1);
    for (const l of children.get(n) ?? []) {
      path.push(l);
      at.push(n);
      const hit = visit(idKey(l.Component));
      if (hit) return hit;
      path.pop();
      at.pop();
    }
    state.set(n, 2);
    return undefined;
  };
  for (const n of children.keys()) {
    const hit = visit(n);
    if (hit) return hit;
  }
  return undefined;
}
