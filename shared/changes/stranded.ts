// Stranded material (呆滞料) after a cancellation or a quantity cut: per Buy item, the usable stock
// (OnHand − SafetyStock), open purchase orders and the purchases the earlier plan suggested, less
// what the remaining orders need within the horizon. What is left is stranded. It is unwound in
// the order a buyer would: first the suggested purchases not placed yet, then open PO lines,
// latest due first (cancel a line, or reduce the last one cut), and what remains is stock.
// Value: the PO line's price for PO quantities, for suggested purchases the price of the earlier
// plan's lots (each at the supplier tier it reaches), StdCost for stock.
import type { Day } from '../dates';
import type { Plant } from '../domain';
import { key } from '../plan/capacity';
import { afterSafetyRefill } from '../plan/supply';
import { buyPrice, suggestedValue, type PlanAnswer } from './compare';

export interface PoCut {
  poId: string;
  supplier: string;
  dueDate: Day;
  quantity: number;
  /** units to take off the line: all of it (cancel) or part (reduce) */
  cut: number;
  action: 'cancel' | 'reduce';
  unitPrice: number;
}

export interface StrandedItem {
  item: string;
  /** usable stock + open POs + suggested purchases of the earlier plan */
  supply: number;
  needBefore: number;
  needAfter: number;
  /** supply no remaining order needs within the horizon */
  stranded: number;
  /** of which because of the changes (stranded now less what was already surplus before) */
  byChanges: number;
  /** suggested purchases of the earlier plan not to place */
  dropSuggested: number;
  poCuts: PoCut[];
  /** stranded units already in stock */
  stock: number;
  value: number;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4 || 0;

export function strandedMaterial(plant: Plant, before: Pick<PlanAnswer, 'materials'>, after: Pick<PlanAnswer, 'materials'>): StrandedItem[] {
  const price = buyPrice(plant);
  const sum = (rows: PlanAnswer['materials'], f: 'requirement' | 'suggestedPurchase') => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r.item), (m.get(key(r.item)) ?? 0) + r[f]);
    return m;
  };
  const needB = sum(before.materials, 'requirement');
  const needA = sum(after.materials, 'requirement');
  const sugB = sum(before.materials, 'suggestedPurchase');
  // What the earlier plan's suggested lots would cost: each bucket's purchase priced as one lot.
  const sugValue = new Map<string, number>();
  for (const r of before.materials) if (r.suggestedPurchase > 0) sugValue.set(key(r.item), (sugValue.get(key(r.item)) ?? 0) + suggestedValue(price, r));
  const out: StrandedItem[] = [];
  for (const it of plant.Items) {
    const k = key(it.ItemId);
    if (it.Type !== 'Buy' || (!needB.has(k) && !needA.has(k))) continue;
    const pos = plant.PurchaseOrders.filter((p) => p.ReceivedDate === undefined && key(p.Item) === k);
    const stockUsable = Math.max(0, it.OnHand - it.SafetyStock);
    // Open receipts first refill safety stock when stock is below it (as the plan uses them).
    const poQty = afterSafetyRefill(it.OnHand, it.SafetyStock, pos.map((p) => p.Quantity)).reduce((s, q) => s + q, 0);
    const suggested = sugB.get(k) ?? 0;
    const supply = stockUsable + poQty + suggested;
    const nb = needB.get(k) ?? 0;
    const na = needA.get(k) ?? 0;
    // Only items whose need fell: stock that was surplus before is not the changes' doing.
    if (na >= nb - 1e-6) continue;
    const stranded = Math.max(0, supply - na);
    if (stranded <= 1e-6) continue;
    const already = Math.max(0, supply - nb);
    let left = stranded;
    const dropSuggested = Math.min(left, suggested);
    left -= dropSuggested;
    const poCuts: PoCut[] = [];
    for (const p of [...pos].sort((x, y) => y.DueDate.localeCompare(x.DueDate) || y.PoId.localeCompare(x.PoId))) {
      if (left <= 1e-9) break;
      const cut = Math.min(left, p.Quantity);
      poCuts.push({ poId: p.PoId, supplier: p.Supplier, dueDate: p.DueDate, quantity: p.Quantity, cut: r4(cut), action: cut >= p.Quantity - 1e-9 ? 'cancel' : 'reduce', unitPrice: p.UnitPrice });
      left -= cut;
    }
    const stock = Math.min(left, stockUsable);
    const suggestedUnit = suggested > 0 ? (sugValue.get(k) ?? 0) / suggested : 0;
    const value = dropSuggested * suggestedUnit + poCuts.reduce((s, c) => s + c.cut * c.unitPrice, 0) + stock * (it.StdCost ?? price(it.ItemId, stock));
    out.push({
      item: it.ItemId,
      supply: r4(supply),
      needBefore: r4(nb),
      needAfter: r4(na),
      stranded: r4(stranded),
      byChanges: r4(Math.max(0, stranded - already)),
      dropSuggested: r4(dropSuggested),
      poCuts,
      stock: r4(stock),
      value: Math.round(value * 100) / 100,
    });
  }
  return out;
}
