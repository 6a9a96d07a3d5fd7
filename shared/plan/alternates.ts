// Alternate components (物料替代) in the plan LP: a BOM line with AlternateOf = a Buy component
// of the same parent may cover part of that primary's need, at its own QtyPer and ScrapPct, only in
// buckets whose first day lies within its own ValidFrom–ValidTo (a temporary substitution).
//
// Columns: sub_O_ALT_tT = units of the part (the parent) started in bucket T whose primary is
// replaced by the alternate ALT. In the primary's stock row it gives back primary ratio × units; in
// the alternate's stock row it takes alternate ratio × units; a row per part, primary and bucket
// keeps Σ alternates ≤ units started (in-house or sent out). Its cost is SubstitutionCost per
// primary unit replaced plus the primary's purchase premium, so substituting is never cheaper than
// buying the primary in time: the LP uses an alternate only where it avoids lateness or shortage
// (or overtime), never to save stock of the primary.
//
// Limits: alternates of Buy components only, and only of lines of the part itself (not through a
// Make item without a routing); an alternate of an alternate is an input error (validation).
import type { Day } from '../dates';
import type { BomLine, Item } from '../domain';
import { effectiveOn, idKey, type PlantNetwork } from '../network';
import { bucketStart, type Buckets } from './buckets';
import type { PartNode } from './network';

export interface AlternateOption {
  line: BomLine;
  item: Item;
  /** units of the alternate per unit of the parent: QtyPer × (1 + ScrapPct/100) */
  ratio: number;
  /** buckets whose first day is within the line's ValidFrom–ValidTo */
  valid: boolean[];
}

/** One order's use of one alternate for one Buy component of one part. */
export interface Substitution {
  order: number;
  node: PartNode;
  primary: Item;
  /** units of the primary per unit of the part */
  primaryRatio: number;
  alt: AlternateOption;
  /** sub_ column per bucket, −1 where none */
  cols: Int32Array;
}

/** The alternate lines of `parent` for its component `primary` that are Buy items and valid in some bucket. */
export function alternatesFor(net: PlantNetwork, b: Buckets, parent: Item, primary: Item): AlternateOption[] {
  const out: AlternateOption[] = [];
  for (const line of net.alternates.get(idKey(parent.ItemId)) ?? []) {
    if (idKey(line.AlternateOf!) !== idKey(primary.ItemId)) continue;
    const item = net.items.get(idKey(line.Component));
    if (!item || item.Type !== 'Buy' || item === primary) continue;
    const valid = Array.from({ length: b.count }, (_, t) => effectiveOn(line, bucketStart(b, t) as Day));
    if (!valid.some(Boolean)) continue;
    out.push({ line, item, ratio: line.QtyPer * (1 + line.ScrapPct / 100), valid });
  }
  return out;
}

/** First bucket a part's Buy component can be there, from its own supply or an alternate's within validity. */
export function firstWithAlternates(primaryFirst: number, alts: AlternateOption[], firstOf: (item: Item) => number): number {
  let first = primaryFirst;
  for (const a of alts) {
    const from = Math.max(firstOf(a.item), a.valid.indexOf(true));
    for (let t = from; t < a.valid.length && t < first; t++)
      if (a.valid[t]) {
        first = t;
        break;
      }
  }
  return first;
}

/** Units of the alternate a substitution used per bucket (alternate ratio × parts covered). */
export const altUnits = (s: Substitution, val: (c: number) => number, t: number): number => s.alt.ratio * val(s.cols[t]);

/**
 * What an order's alternates covered and why, in the planner's words:
 * "BP-MOTOR-7KW short until 12-28; 4 × BP-MOTOR-7KW-B used" — until the first bucket after the
 * last substitution in which the primary's own supply grows (an open PO or a purchase can arrive).
 */
export function substitutionText(b: Buckets, subs: Substitution[], val: (c: number) => number, firstSupply: (primary: Item, after: number) => number): { en: string; zh: string } | undefined {
  const en: string[] = [];
  const zh: string[] = [];
  for (const s of subs) {
    let qty = 0;
    let last = -1;
    for (let t = 0; t < b.count; t++) {
      const q = altUnits(s, val, t);
      if (q > 1e-6) (qty += q), (last = t);
    }
    if (last < 0) continue;
    const until = firstSupply(s.primary, last);
    const q = Math.round(qty * 100) / 100;
    const when = until < b.count ? bucketStart(b, until).slice(5) : '';
    en.push(`${s.primary.ItemId} short ${when ? `until ${when}` : 'within the horizon'}; ${q} × ${s.alt.item.ItemId} used`);
    zh.push(`${s.primary.ItemId} ${when ? `${when} 前缺料` : '计划期内缺料'}；已用替代料 ${q} × ${s.alt.item.ItemId}`);
  }
  return en.length ? { en: en.join('. '), zh: zh.join('。') } : undefined;
}

/** Per part of an order: its substitutions and how many parts each covered in the plan. */
export type AlternateCover = Map<PartNode, { sub: Substitution; parts: number }[]>;

export function alternateCover(subs: Substitution[], val: (c: number) => number): AlternateCover {
  const out: AlternateCover = new Map();
  for (const sub of subs) {
    const parts = Array.from(sub.cols, (c) => val(c)).reduce((a, v) => a + v, 0);
    if (parts <= 1e-9) continue;
    out.set(sub.node, [...(out.get(sub.node) ?? []), { sub, parts }]);
  }
  return out;
}

/** Per item (lower-case id): the timeline key of an order's own (dedicated) material and how much the plan drew from it. */
export type OwnMaterial = Map<string, { key: string; total: number }>;

export interface Draw {
  item: Item;
  qty: number;
  /** the material timeline drawn from: the item's (lower-case id) or the order's own pool */
  key: string;
  /** the primary this alternate is drawn for; undefined for a primary */
  alternateOf?: Item;
}

/**
 * The Buy materials a schedule lot of a part's first operation draws: its components, with the
 * parts the plan covered by alternates taken by the earliest lots, and the order's own material
 * (dedicated.ts) before common stock (`used` counts both per run).
 */
export function lotDraws(node: PartNode, qty: number, cover: AlternateCover | undefined, used: Map<Substitution | string, number>, own?: OwnMaterial): Draw[] {
  const out: Draw[] = [];
  const push = (item: Item, q: number, alternateOf?: Item) => {
    const m = idKey(item.ItemId);
    const pool = own?.get(m);
    const mine = pool ? Math.min(q, Math.max(0, pool.total - (used.get(pool.key) ?? 0))) : 0;
    if (pool && mine > 1e-9) {
      used.set(pool.key, (used.get(pool.key) ?? 0) + mine);
      out.push({ item, qty: mine, key: pool.key, alternateOf });
    }
    if (q - mine > 1e-9) out.push({ item, qty: q - mine, key: m, alternateOf });
  };
  const covers = cover?.get(node) ?? [];
  for (const bc of node.buyChildren) {
    let left = qty;
    for (const c of covers) {
      if (c.sub.primary !== bc.item) continue;
      const take = Math.min(left, c.parts - (used.get(c.sub) ?? 0));
      if (take <= 1e-9) continue;
      used.set(c.sub, (used.get(c.sub) ?? 0) + take);
      left -= take;
      push(c.sub.alt.item, c.sub.alt.ratio * take, bc.item);
    }
    if (left > 1e-9) push(bc.item, bc.ratio * left);
  }
  return out;
}
