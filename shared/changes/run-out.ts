// Engineering-change run-out (自然切换): for each component replaced by a dated BOM change — a
// line with ValidTo, then a line of the same parent with another component and a later ValidFrom
// — when the old part's usable stock and open POs are used up, and what the change strands.
//
// - Used up: the old part consumed as the plan uses it, and, from the change on, in place of the
//   new part (the new part's planned requirement × old QtyPer / new QtyPer, scrap included): the
//   first bucket whose cumulative use reaches the stock and open POs.
// - Stranded at ValidFrom: stock and open POs less what the plan uses of the old part over the
//   horizon (only orders released before the change use it), cut from the latest PO lines first
//   and valued at their price, the rest at StdCost.
// - The ValidFrom that strands nothing: the first day after the bucket the old part is used up in.
//   Switching then strands nothing; switching earlier strands what is left at that day.
import { addDays, daysBetween, type Day } from '../dates';
import type { BomLine, Plant } from '../domain';
import { key } from '../plan/capacity';
import { afterSafetyRefill } from '../plan/supply';
import type { PlanAnswer } from './compare';

export interface RunOut {
  parent: string;
  oldItem: string;
  newItem: string;
  validTo: Day;
  validFrom: Day;
  /** usable stock (OnHand − SafetyStock) + open POs of the old part */
  supply: number;
  /** what the plan uses of the old part within the horizon */
  plannedUse: number;
  /** first day of the bucket the old part is used up in (null: not within the horizon) */
  usedUpIn: Day | null;
  stranded: number;
  strandedValue: number;
  /** the change date that strands nothing (null: stock lasts beyond the horizon) */
  noStrandValidFrom: Day | null;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4 || 0;
const ratio = (l: BomLine) => l.QtyPer * (1 + l.ScrapPct / 100);

export function bomChanges(plant: Plant): { old: BomLine; next: BomLine }[] {
  const out: { old: BomLine; next: BomLine }[] = [];
  for (const a of plant.BOM) {
    if (a.ValidTo === undefined || a.AlternateOf) continue;
    const next = plant.BOM.filter(
      (b) => !b.AlternateOf && key(b.Parent) === key(a.Parent) && key(b.Component) !== key(a.Component) && b.ValidFrom !== undefined && b.ValidFrom > a.ValidTo!,
    ).sort((x, y) => x.ValidFrom!.localeCompare(y.ValidFrom!))[0];
    if (next) out.push({ old: a, next });
  }
  return out;
}

export function runOuts(plant: Plant, answer: Pick<PlanAnswer, 'materials'>): RunOut[] {
  const items = new Map(plant.Items.map((i) => [key(i.ItemId), i]));
  const starts = [...new Set(answer.materials.map((m) => m.bucketStart))].sort();
  const bucketOf = (d: Day) => {
    let t = 0;
    while (t + 1 < starts.length && starts[t + 1] <= d) t++;
    return t;
  };
  const perBucket = (item: string) => {
    const v = new Float64Array(starts.length);
    for (const m of answer.materials) if (key(m.item) === key(item)) v[bucketOf(m.bucketStart)] += m.requirement;
    return v;
  };
  const out: RunOut[] = [];
  for (const { old, next } of bomChanges(plant)) {
    const it = items.get(key(old.Component));
    if (!it || it.Type !== 'Buy' || starts.length === 0) continue;
    const pos = plant.PurchaseOrders.filter((p) => p.ReceivedDate === undefined && key(p.Item) === key(it.ItemId));
    const receipts = afterSafetyRefill(it.OnHand, it.SafetyStock, pos.map((p) => p.Quantity));
    const supply = Math.max(0, it.OnHand - it.SafetyStock) + receipts.reduce((s, q) => s + q, 0);
    const use = perBucket(old.Component);
    const instead = perBucket(next.Component);
    const conv = ratio(old) / ratio(next);
    const from = next.ValidFrom!;
    const fromBucket = bucketOf(from);
    let cum = 0;
    let usedUp = -1;
    for (let t = 0; t < starts.length; t++) {
      cum += use[t] + (starts[t] >= from || t === fromBucket ? instead[t] * conv : 0);
      if (cum >= supply - 1e-9 && supply > 0) {
        usedUp = t;
        break;
      }
    }
    if (supply <= 0) usedUp = 0;
    const plannedUse = use.reduce((s, v) => s + v, 0);
    const stranded = Math.max(0, supply - plannedUse);
    let left = stranded;
    let value = 0;
    for (const p of [...pos].sort((x, y) => y.DueDate.localeCompare(x.DueDate) || y.PoId.localeCompare(x.PoId))) {
      const cut = Math.min(left, p.Quantity);
      value += cut * p.UnitPrice;
      left -= cut;
    }
    value += left * (it.StdCost ?? 0);
    // The day after the used-up bucket ends: the next bucket's first day, or the horizon's end + 1.
    const nextStart = (t: number): Day =>
      t + 1 < starts.length ? starts[t + 1] : addDays(starts[t], t > 0 ? daysBetween(starts[t - 1], starts[t]) : plant.settings.BucketDays);
    out.push({
      parent: old.Parent,
      oldItem: old.Component,
      newItem: next.Component,
      validTo: old.ValidTo!,
      validFrom: from,
      supply: r4(supply),
      plannedUse: r4(plannedUse),
      usedUpIn: usedUp < 0 ? null : starts[usedUp],
      stranded: r4(stranded),
      strandedValue: Math.round(value * 100) / 100,
      noStrandValidFrom: usedUp < 0 ? null : nextStart(usedUp),
    });
  }
  return out;
}
