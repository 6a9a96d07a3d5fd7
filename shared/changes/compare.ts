// Two plan answers side by side: per order finish and lateness before/after, per work center and
// bucket the load, per item the suggested purchases, the cost of each plan (lateness, overtime,
// subcontracting, purchases) and a one-line summary. An answer is what a plan reports (its JSON,
// a stored run, or the Plan/Load/Materials sheets of an earlier result workbook), so the fields
// are read through the plan's own result types: whatever finishDate and daysLate a plan carries
// (a bucket's last day or a real day) are compared as they are.
import { key } from '../plan/capacity';
import type { LoadRow, MaterialRow, OrderPlan } from '../plan/extract';
import { idKey, plantNetwork, purchasePrice } from '../network';
import { explodeOrder, nodesOf } from '../plan/network';
import { daysBetween, type Day } from '../dates';
import type { Plant } from '../domain';

/** The parts of a plan answer a comparison reads. */
export interface PlanAnswer {
  orders: (Pick<OrderPlan, 'orderId' | 'item' | 'quantity' | 'dueDate' | 'finishDate' | 'daysLate' | 'shortQty' | 'subcontractedQty'> & {
    /** "PAINT30 × 5, …" as the Plan sheet shows it; absent in answers that do not carry it */
    subcontracting?: string;
  })[];
  load: Pick<LoadRow, 'workCenter' | 'bucketStart' | 'loadHours' | 'overtimeHours'>[];
  materials: Pick<MaterialRow, 'item' | 'bucketStart' | 'requirement' | 'suggestedPurchase'>[];
}

export type OrderMove = 'added' | 'gone' | 'newlyLate' | 'nowOnTime' | 'later' | 'earlier' | 'same';

export interface OrderDelta {
  orderId: string;
  item: string;
  quantityBefore: number | null;
  quantityAfter: number | null;
  dueBefore: Day | null;
  dueAfter: Day | null;
  finishBefore: Day | null;
  finishAfter: Day | null;
  daysLateBefore: number | null;
  daysLateAfter: number | null;
  shortBefore: number | null;
  shortAfter: number | null;
  /** days the finish moved (later > 0); null when either plan has no finish */
  movedDays: number | null;
  move: OrderMove;
}

export interface LoadDelta {
  workCenter: string;
  bucketStart: Day;
  loadBefore: number;
  loadAfter: number;
  overtimeBefore: number;
  overtimeAfter: number;
}

export interface PurchaseDelta {
  item: string;
  before: number;
  after: number;
}

/** What a plan costs beyond its normal work, in the plant's currency. */
export interface PlanCosts {
  /** LatePenaltyPerUnitDay × days late × order quantity (an order ships when its last unit is done) */
  lateness: number;
  /** overtime hours × the work center's OvertimeRate */
  overtime: number;
  /** subcontracted units × SubcontractCostPerUnit; null when the answer does not say which operations */
  subcontract: number | null;
  /** suggested purchases × the price they would be bought at (each bucket's purchase as one lot: the cheapest approved supplier tier it reaches, else StdCost) */
  purchases: number;
}

export interface Comparison {
  orders: OrderDelta[];
  load: LoadDelta[];
  purchases: PurchaseDelta[];
  costsBefore: PlanCosts;
  costsAfter: PlanCosts;
  overtimeHoursBefore: number;
  overtimeHoursAfter: number;
  summary: { en: string; zh: string };
}

const EPS = 0.005;
const r2 = (v: number) => Math.round(v * 100) / 100 || 0;
const late = (o: { daysLate: number | null; shortQty: number } | undefined) => !!o && ((o.daysLate ?? 0) > 0 || o.shortQty > 0);

function orderDelta(b: PlanAnswer['orders'][number] | undefined, a: PlanAnswer['orders'][number] | undefined): OrderDelta {
  const o = (a ?? b)!;
  const moved = b?.finishDate && a?.finishDate ? daysBetween(b.finishDate, a.finishDate) : null;
  const move: OrderMove = !b
    ? 'added'
    : !a
      ? 'gone'
      : !late(b) && late(a)
        ? 'newlyLate'
        : late(b) && !late(a)
          ? 'nowOnTime'
          : (moved ?? 0) > 0 || (a.shortQty > b.shortQty + EPS)
            ? 'later'
            : (moved ?? 0) < 0 || (a.shortQty < b.shortQty - EPS)
              ? 'earlier'
              : 'same';
  return {
    orderId: o.orderId,
    item: o.item,
    quantityBefore: b?.quantity ?? null,
    quantityAfter: a?.quantity ?? null,
    dueBefore: b?.dueDate ?? null,
    dueAfter: a?.dueDate ?? null,
    finishBefore: b?.finishDate ?? null,
    finishAfter: a?.finishDate ?? null,
    daysLateBefore: b ? b.daysLate : null,
    daysLateAfter: a ? a.daysLate : null,
    shortBefore: b ? b.shortQty : null,
    shortAfter: a ? a.shortQty : null,
    movedDays: moved,
    move,
  };
}

/**
 * Unit price of a Buy item bought in a lot of `lot` units: the approved supplier price rule
 * (network/supplier-price.ts), so a lot that reaches a price tier (MinOrderQty) is priced at it.
 */
export function buyPrice(plant: Plant): (item: string, lot: number) => number {
  const net = plantNetwork(plant);
  return (item, lot) => {
    const it = net.items.get(idKey(item));
    return it ? (purchasePrice(it, lot, net)?.price ?? 0) : 0;
  };
}

/** Subcontract cost per operation label ("PAINT30", "SAIMPELLER_CNC20") for each order of the plant. */
function subcontractRates(plant: Plant, orders: PlanAnswer['orders']): Map<string, Map<string, number>> {
  const idx = plantNetwork(plant);
  const byId = new Map(plant.Orders.map((o) => [key(o.OrderId), o]));
  const out = new Map<string, Map<string, number>>();
  // An order's labels and rates follow from its item and BOM date alone (not its quantity): one
  // explosion per item and date serves every order of it.
  const byItem = new Map<string, Map<string, number>>();
  for (const a of orders) {
    if (!a.subcontracting) continue;
    const order = byId.get(key(a.orderId)) ?? { OrderId: a.orderId, Item: a.item, Quantity: a.quantity } as never;
    const release = (order.ReleaseDate ?? plant.settings.PlanStart ?? a.dueDate) as Day;
    const k = `${key(a.item)}|${release}`;
    let rates = byItem.get(k);
    if (!rates) {
      const root = explodeOrder({ ...order, Item: a.item, Quantity: a.quantity }, release, idx);
      rates = new Map<string, number>();
      for (const n of root ? nodesOf(root) : []) for (const op of n.ops) rates.set(op.label, op.op.SubcontractCostPerUnit ?? 0);
      byItem.set(k, rates);
    }
    out.set(a.orderId, rates);
  }
  return out;
}

/** What a Materials row's suggested purchase costs: the bucket's purchase bought as one lot, at the tier it reaches. */
export const suggestedValue = (price: (item: string, lot: number) => number, m: { item: string; suggestedPurchase: number }): number =>
  m.suggestedPurchase > 0 ? m.suggestedPurchase * price(m.item, m.suggestedPurchase) : 0;

function planCosts(plant: Plant, p: PlanAnswer): PlanCosts {
  const penalty = plant.settings.LatePenaltyPerUnitDay;
  const otRate = new Map(plant.WorkCenters.map((w) => [key(w.WorkCenterId), w.OvertimeRate]));
  const price = buyPrice(plant);
  const lateness = p.orders.reduce((s, o) => s + penalty * (o.daysLate ?? 0) * o.quantity, 0);
  const overtime = p.load.reduce((s, l) => s + l.overtimeHours * (otRate.get(key(l.workCenter)) ?? 0), 0);
  const purchases = p.materials.reduce((s, m) => s + suggestedValue(price, m), 0);
  let subcontract: number | null = 0;
  if (p.orders.some((o) => o.subcontractedQty > 0 && o.subcontracting === undefined)) subcontract = null;
  else {
    const rates = subcontractRates(plant, p.orders);
    for (const o of p.orders)
      for (const part of (o.subcontracting ?? '').split(',')) {
        const m = /^\s*(\S+) × ([\d.]+)\s*$/.exec(part);
        if (m) subcontract += Number(m[2]) * (rates.get(o.orderId)?.get(m[1]) ?? 0);
      }
  }
  return { lateness: r2(lateness), overtime: r2(overtime), subcontract: subcontract === null ? null : r2(subcontract), purchases: r2(purchases) };
}

/**
 * A sum rounded to whole units, with its sign and thousands commas: +12,345, −7 (`zero` is 0's
 * sign). The digits are grouped as toLocaleString('en') groups them, without its first call's
 * cost (setting up Intl's number formatter took 50–70 ms of a CLI what-if).
 */
export const signedWhole = (v: number, zero = '+'): string => {
  const r = Math.round(v);
  return (r > 0 ? '+' : r < 0 ? '−' : zero) + String(Math.abs(r)).replace(/\B(?=(\d{3})+$)/g, ',');
};
const fmt = (v: number) => signedWhole(v, '±');

export function comparePlans(plant: Plant, before: PlanAnswer, after: PlanAnswer): Comparison {
  const b = new Map(before.orders.map((o) => [key(o.orderId), o]));
  const a = new Map(after.orders.map((o) => [key(o.orderId), o]));
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  const orders = ids.map((id) => orderDelta(b.get(id), a.get(id))).filter((d) => d.move !== 'same' || d.quantityBefore !== d.quantityAfter || d.dueBefore !== d.dueAfter);

  const loadKey = (l: { workCenter: string; bucketStart: string }) => `${key(l.workCenter)}|${l.bucketStart}`;
  const lb = new Map(before.load.map((l) => [loadKey(l), l]));
  const la = new Map(after.load.map((l) => [loadKey(l), l]));
  const load: LoadDelta[] = [];
  for (const k of new Set([...lb.keys(), ...la.keys()])) {
    const x = lb.get(k);
    const y = la.get(k);
    const d = { workCenter: (y ?? x)!.workCenter, bucketStart: (y ?? x)!.bucketStart, loadBefore: x?.loadHours ?? 0, loadAfter: y?.loadHours ?? 0, overtimeBefore: x?.overtimeHours ?? 0, overtimeAfter: y?.overtimeHours ?? 0 };
    if (Math.abs(d.loadAfter - d.loadBefore) > EPS || Math.abs(d.overtimeAfter - d.overtimeBefore) > EPS) load.push(d);
  }
  load.sort((p, q) => p.workCenter.localeCompare(q.workCenter) || p.bucketStart.localeCompare(q.bucketStart));

  const totals = (rows: PlanAnswer['materials']) => {
    const m = new Map<string, { item: string; q: number }>();
    for (const r of rows) {
      const e = m.get(key(r.item)) ?? { item: r.item, q: 0 };
      e.q += r.suggestedPurchase;
      m.set(key(r.item), e);
    }
    return m;
  };
  const pb = totals(before.materials);
  const pa = totals(after.materials);
  const purchases: PurchaseDelta[] = [];
  for (const k of new Set([...pb.keys(), ...pa.keys()])) {
    const d = { item: (pa.get(k) ?? pb.get(k))!.item, before: r2(pb.get(k)?.q ?? 0), after: r2(pa.get(k)?.q ?? 0) };
    if (Math.abs(d.after - d.before) > EPS) purchases.push(d);
  }
  purchases.sort((p, q) => p.item.localeCompare(q.item));

  const costsBefore = planCosts(plant, before);
  const costsAfter = planCosts(plant, after);
  const otB = r2(before.load.reduce((s, l) => s + l.overtimeHours, 0));
  const otA = r2(after.load.reduce((s, l) => s + l.overtimeHours, 0));
  return { orders, load, purchases, costsBefore, costsAfter, overtimeHoursBefore: otB, overtimeHoursAfter: otA, summary: summaryLine(plant, orders, otA - otB, costsBefore, costsAfter) };
}

function summaryLine(plant: Plant, orders: OrderDelta[], otDelta: number, before: PlanCosts, after: PlanCosts): { en: string; zh: string } {
  const n = (m: OrderMove[]) => orders.filter((o) => m.includes(o.move)).length;
  const later = orders.filter((o) => (o.movedDays ?? 0) > 0).length;
  const earlier = orders.filter((o) => (o.movedDays ?? 0) < 0).length;
  const cur = plant.settings.Currency ?? 'CNY';
  const en: string[] = [];
  const zh: string[] = [];
  const part = (count: number, e: string, z: string) => count && (en.push(`${count} ${e}`), zh.push(`${count} 个订单${z}`));
  part(later, later === 1 ? 'order later' : 'orders later', '推迟');
  part(earlier, 'earlier', '提前');
  part(n(['added']), 'added', '新增');
  part(n(['gone']), 'gone', '撤销');
  part(n(['newlyLate']), 'newly late', '新延期');
  part(n(['nowOnTime']), 'now on time', '转为按期');
  if (!en.length) en.push('no order moves'), zh.push('无订单变动');
  const dLate = after.lateness - before.lateness;
  const dBuy = after.purchases - before.purchases;
  // Lateness always; overtime, purchases and subcontracting when they move.
  if (Math.abs(otDelta) >= 0.05) en.push(`overtime ${fmt(otDelta)} h`), zh.push(`加班 ${fmt(otDelta)} 小时`);
  en.push(`lateness cost ${fmt(dLate)} ${cur}`);
  zh.push(`延期成本 ${fmt(dLate)} ${cur}`);
  if (Math.abs(dBuy) >= 0.5) en.push(`purchases ${fmt(dBuy)} ${cur}`), zh.push(`采购 ${fmt(dBuy)} ${cur}`);
  if (before.subcontract !== null && after.subcontract !== null && Math.abs(after.subcontract - before.subcontract) > EPS) {
    en.push(`subcontracting ${fmt(after.subcontract - before.subcontract)} ${cur}`);
    zh.push(`委外 ${fmt(after.subcontract - before.subcontract)} ${cur}`);
  }
  return { en: en.join(', '), zh: zh.join('，') };
}
