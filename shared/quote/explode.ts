// Multi-level BOM explosion for a quote: every path from the quoted item down to each component,
// with its usage per finished unit (QtyPer × (1 + ScrapPct/100) multiplied along the path).
import type { Day } from '../dates';
import type { BomLine, Item, Plant } from '../domain';

export interface BomNode {
  item: Item;
  /** 0 = the quoted item, 1 = its components, … */
  level: number;
  /** item ids from the quoted item down to this one */
  path: string[];
  /** units of this item per finished unit, scrap included */
  usage: number;
  /** the BOM lines walked to get here (empty for the quoted item) */
  via: BomLine[];
}

const key = (s: string) => s.toLowerCase();
/** Deeper than any real BOM: stops a cycle that slipped past validation from looping forever. */
const MAX_LEVELS = 60;

/** A BOM line applies on `date` when date is within [ValidFrom, ValidTo]; blank ends are open. */
export const effectiveOn = (b: BomLine, date: Day | undefined): boolean =>
  date === undefined ? b.ValidFrom === undefined && b.ValidTo === undefined : (!b.ValidFrom || b.ValidFrom <= date) && (!b.ValidTo || date <= b.ValidTo);

/**
 * Lines that make up each parent on `date`. Alternates (AlternateOf filled) replace a component
 * only when it is short, so a quote costs the primary component and not both.
 */
export function bomByParent(plant: Plant, date: Day | undefined): Map<string, BomLine[]> {
  const out = new Map<string, BomLine[]>();
  for (const b of plant.BOM) {
    if (b.AlternateOf || !effectiveOn(b, date)) continue;
    const k = key(b.Parent);
    out.set(k, [...(out.get(k) ?? []), b]);
  }
  return out;
}

/** BOM lines below `root` that carry engineering-change dates (they need a quote date to choose). */
export function datedLinesBelow(plant: Plant, root: string): BomLine[] {
  const byParent = new Map<string, BomLine[]>();
  for (const b of plant.BOM) if (!b.AlternateOf) byParent.set(key(b.Parent), [...(byParent.get(key(b.Parent)) ?? []), b]);
  const seen = new Set<string>();
  const out: BomLine[] = [];
  const walk = (id: string, depth: number) => {
    if (seen.has(key(id)) || depth > MAX_LEVELS) return;
    seen.add(key(id));
    for (const b of byParent.get(key(id)) ?? []) {
      if (b.ValidFrom || b.ValidTo) out.push(b);
      walk(b.Component, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/**
 * Every path from `root` down. Make items are exploded further; Buy items are leaves (a bought
 * item is priced, never built, even if it has a BOM of its own). Depth-first, BOM order, so the
 * lines read like an indented BOM.
 */
export function explode(plant: Plant, root: Item, date: Day | undefined): BomNode[] {
  const items = new Map(plant.Items.map((i) => [key(i.ItemId), i]));
  const byParent = bomByParent(plant, date);
  const out: BomNode[] = [];
  const visit = (node: BomNode) => {
    out.push(node);
    if (node.item.Type !== 'Make' || node.level >= MAX_LEVELS) return;
    for (const b of byParent.get(key(node.item.ItemId)) ?? []) {
      const child = items.get(key(b.Component));
      if (!child) continue; // validation reports unknown components
      visit({
        item: child,
        level: node.level + 1,
        path: [...node.path, child.ItemId],
        usage: node.usage * b.QtyPer * (1 + b.ScrapPct / 100),
        via: [...node.via, b],
      });
    }
  };
  visit({ item: root, level: 0, path: [root.ItemId], usage: 1, via: [] });
  return out;
}
