// Cost per sales order: standard, quoted, actual to date, estimate to complete, variances by
// element and margin, every figure traceable to its source row.
//
// Definitions (all totals for the order's whole quantity Q):
// - standard: the quote roll-up (quote/rollup.ts) of the order's item at Q on its BOM date.
// - quoted: the roll-up and price of the order's QuoteId at the quantity break that applies (the
//   largest break ≤ Q, else the smallest), × Q.
// - actual to date: material issued (qty × UnitCost, blank = the order's PO line for the item,
//   else the latest PO line of the item received by the issue date, else StdCost); labour = hours
//   reported × the worker's HourlyRate (Workers), else the LabourRate of the work center where the
//   work was done; overhead = hours × that work center's OverheadRate; subcontract = units received
//   from the order's subcontract lots × their PO price.
// - estimate to complete (ETC), at standard: per operation (need − done) × RunHoursPerUnit, plus
//   its SetupHours when nothing was reported there yet, × the standard rates (subcontract-costed
//   operations: remaining units × SubcontractCostPerUnit); per material max(0, standard quantity −
//   issued) × standard price. Completed and Delivered orders have nothing left to do.
// - projected = actual + ETC. Variances are projected − standard, by cause, and add up to it:
//     material price   = Σ issues (actual unit cost − standard price) × qty issued
//     material usage   = Σ materials (max(issued, standard qty) − standard qty) × standard price
//     labour efficiency= Σ operations (hours reported − standard hours for the units done) × standard labour rate,
//                        standard hours for the units done = done × RunHoursPerUnit + SetupHours once started
//     labour rate      = Σ reports hours × (actual rate − standard labour rate of the operation)
//     overhead         = projected overhead − standard overhead
//     subcontract      = projected subcontract − standard subcontract
// - margin: quoted revenue (quoted unit price × Q) − quoted cost, and − projected cost.
import type { Item, MaterialIssue, Operation, Order, Plant, PurchaseOrder, QuoteLine } from '../domain';
import { cellOf } from '../parse';
import { problem, type Problem } from '../problems';
import { priceFactors, priceOf } from '../quote/price';
import { COST_ELEMENTS, rollUp, type Breakdown, type CostElement } from '../quote/rollup';
import { plantNetwork, purchasePrice } from '../network';
import { orderBomDate, orderProgress, receivedOf, type OpProgress } from './progress';

const key = (s: string) => s.toLowerCase();
const zero = (): Breakdown => ({ material: 0, labour: 0, overhead: 0, subcontract: 0 });
export const totalOf = (b: Breakdown): number => COST_ELEMENTS.reduce((s, e) => s + b[e], 0);

export type TraceKind = 'standard' | 'quoted' | 'actual' | 'toComplete';

/** One source row behind an order's figure: qty × rate = amount. */
export interface TraceLine {
  order: string;
  kind: TraceKind;
  element: CostElement;
  /** item, and operation where there is one */
  item: string;
  opSeq?: number;
  workCenter?: string;
  qty: number;
  uom: string;
  rate: number;
  amount: number;
  /** the input cell this line comes from, e.g. MaterialIssues!D5 */
  ref: string;
  /** the cell the rate or price comes from (several for an average) */
  rateRef: string;
}

export interface Variances {
  materialPrice: number;
  materialUsage: number;
  labourEfficiency: number;
  labourRate: number;
  overhead: number;
  subcontract: number;
  total: number;
}

export interface QuotedFigures {
  quoteId: string;
  /** the quantity break used */
  breakQty: number;
  unitCost: number;
  unitPrice: number;
  cost: number;
  revenue: number;
}

export interface OrderCost {
  order: Order;
  standard: Breakdown;
  quoted?: QuotedFigures;
  actual: Breakdown;
  toComplete: Breakdown;
  projected: Breakdown;
  variances: Variances;
  /** revenue − quoted cost, revenue − projected cost (undefined without a quote) */
  quotedMargin?: number;
  projectedMargin?: number;
  /** units finished (done at the item's last operation) */
  finished: number;
  trace: TraceLine[];
}

/** The quantity break of a quote that applies to an order quantity. */
export function quoteBreak(lines: QuoteLine[], qty: number): QuoteLine | undefined {
  const sorted = [...lines].sort((a, b) => a.Quantity - b.Quantity);
  return [...sorted].reverse().find((q) => q.Quantity <= qty + 1e-9) ?? sorted[0];
}

export const COSTED_STATUSES = ['Approved', 'InProduction', 'Delivered', 'Completed'] as const;

export function orderCosts(plant: Plant): { costs: OrderCost[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const costs: OrderCost[] = [];
  const withActuals = new Set([...plant.WorkReports.map((r) => key(r.Order)), ...plant.MaterialIssues.map((m) => key(m.Order))]);
  for (const order of plant.Orders) {
    if (!(COSTED_STATUSES as readonly string[]).includes(order.Status) && !withActuals.has(key(order.OrderId))) continue;
    const c = orderCost(plant, order);
    if ('problems' in c) problems.push(...c.problems);
    else costs.push(c);
  }
  const seen = new Set<string>();
  return { costs, problems: problems.filter((p) => !seen.has(p.sheet + p.cell) && seen.add(p.sheet + p.cell)) };
}

export function orderCost(plant: Plant, order: Order): OrderCost | { problems: Problem[] } {
  const item = plant.Items.find((i) => key(i.ItemId) === key(order.Item));
  if (!item) return { problems: [] }; // validation reports unknown items
  const Q = order.Quantity;
  const ref = (sheet: string, rec: { row: number }, col: string) => `${plant.sheetNames[sheet] ?? sheet}!${cellOf(plant, sheet, rec, col)}`;
  const trace: TraceLine[] = [];
  const add = (b: Breakdown, t: Omit<TraceLine, 'order'>) => {
    b[t.element] += t.amount;
    trace.push({ order: order.OrderId, ...t });
  };

  // Standard: the roll-up at Q; its lines are per finished unit.
  const std = rollUp(plant, item, Q, orderBomDate(plant, order));
  if (std.problems.length) return { problems: std.problems };
  const standard = zero();
  for (const l of std.lines)
    add(standard, { kind: 'standard', element: l.element, item: l.item, opSeq: l.opSeq, workCenter: l.workCenter, qty: l.qty * Q, uom: l.uom, rate: l.unitPrice, amount: l.extended * Q, ref: l.ref, rateRef: l.ref });

  // Quoted: the QuoteId's break, costed and priced as the quote job does.
  let quoted: QuotedFigures | undefined;
  const qlines = order.QuoteId === undefined ? [] : plant.Quotes.filter((q) => key(q.QuoteId) === key(order.QuoteId!));
  const qb = quoteBreak(qlines, Q);
  if (qb) {
    const r = rollUp(plant, item, qb.Quantity, qb.RequestedDate ?? plant.settings.PlanStart);
    if (r.problems.length) return { problems: r.problems };
    const unitPrice = priceOf(r.breakdown, priceFactors(qb));
    quoted = { quoteId: qb.QuoteId, breakQty: qb.Quantity, unitCost: r.unitCost, unitPrice, cost: r.unitCost * Q, revenue: unitPrice * Q };
    const qt = zero();
    for (const e of COST_ELEMENTS)
      if (r.breakdown[e] !== 0) add(qt, { kind: 'quoted', element: e, item: item.ItemId, qty: Q, uom: item.Uom ?? '', rate: r.breakdown[e], amount: r.breakdown[e] * Q, ref: ref('Quotes', qb, 'Quantity'), rateRef: `${qb.QuoteId} ×${qb.Quantity}` });
  }

  const progress = orderProgress(plant, order);
  const finishedAll = order.Status === 'Completed' || order.Status === 'Delivered';
  const actual = zero();
  const toComplete = zero();

  // Material.
  const stdMat = new Map<string, { item: string; qty: number; price: number; ref: string }>();
  for (const l of std.lines.filter((l) => l.element === 'material')) {
    const m = stdMat.get(key(l.item));
    if (m) m.qty += l.qty * Q;
    else stdMat.set(key(l.item), { item: l.item, qty: l.qty * Q, price: l.unitPrice, ref: l.ref });
  }
  const prices = plantNetwork(plant);
  const issued = new Map<string, number>();
  let materialPrice = 0;
  const unpriced: Problem[] = [];
  for (const m of plant.MaterialIssues.filter((x) => key(x.Order) === key(order.OrderId))) {
    const cost = issueCost(plant, order, m, ref);
    if (cost.source === '—') {
      unpriced.push(problem(plant.sheetNames.MaterialIssues ?? 'MaterialIssues', cellOf(plant, 'MaterialIssues', m, 'UnitCost'), `no cost for the ${m.Item} issued: enter its UnitCost here, or a StdCost in Items`, `领用的 ${m.Item} 没有成本：请在此填写单位成本，或在物料表中填写标准成本`));
      continue;
    }
    const it = plant.Items.find((i) => key(i.ItemId) === key(m.Item));
    const s = stdMat.get(key(m.Item));
    const stdPrice = s?.price ?? (it && purchasePrice(it, m.Quantity, prices)?.price) ?? cost.price;
    if (!s) stdMat.set(key(m.Item), { item: m.Item, qty: 0, price: stdPrice, ref: ref('MaterialIssues', m, 'Item') });
    issued.set(key(m.Item), (issued.get(key(m.Item)) ?? 0) + m.Quantity);
    materialPrice += (cost.price - stdPrice) * m.Quantity;
    add(actual, { kind: 'actual', element: 'material', item: m.Item, qty: m.Quantity, uom: it?.Uom ?? '', rate: cost.price, amount: cost.price * m.Quantity, ref: ref('MaterialIssues', m, 'Quantity'), rateRef: cost.source });
  }
  if (unpriced.length) return { problems: unpriced };
  let materialUsage = 0;
  for (const [k, s] of stdMat) {
    const got = issued.get(k) ?? 0;
    // A finished order's under-issue is a saving too; an open one may still draw it.
    materialUsage += ((finishedAll ? got : Math.max(got, s.qty)) - s.qty) * s.price;
    const left = finishedAll ? 0 : Math.max(0, s.qty - got);
    if (left > 1e-9) add(toComplete, { kind: 'toComplete', element: 'material', item: s.item, qty: left, uom: '', rate: s.price, amount: left * s.price, ref: s.ref, rateRef: s.ref });
  }

  // Operations: labour, overhead, subcontract.
  const wcs = new Map(plant.WorkCenters.map((w) => [key(w.WorkCenterId), w]));
  const workers = new Map(plant.Workers.map((w) => [key(w.Worker), w]));
  const scOps = new Set(std.lines.filter((l) => l.element === 'subcontract').map((l) => `${key(l.item)}|${l.opSeq}`));
  let labourEfficiency = 0;
  let labourRate = 0;
  for (const p of progress.ops) {
    const routeWc = wcs.get(key(p.op.WorkCenter));
    if (!routeWc) continue;
    const SR = routeWc.LabourRate;
    for (const r of p.reports) {
      const wc = (r.WorkCenter && wcs.get(key(r.WorkCenter))) || routeWc;
      const worker = r.Worker !== undefined ? workers.get(key(r.Worker)) : undefined;
      const AR = worker?.HourlyRate ?? wc.LabourRate;
      const rateRef = worker?.HourlyRate !== undefined ? ref('Workers', worker, 'HourlyRate') : ref('WorkCenters', wc, 'LabourRate');
      const common = { kind: 'actual' as const, item: p.item.ItemId, opSeq: p.op.OpSeq, workCenter: wc.WorkCenterId, qty: r.Hours, uom: 'h', ref: ref('WorkReports', r, 'Hours') };
      add(actual, { ...common, element: 'labour', rate: AR, amount: r.Hours * AR, rateRef });
      add(actual, { ...common, element: 'overhead', rate: wc.OverheadRate, amount: r.Hours * wc.OverheadRate, rateRef: ref('WorkCenters', wc, 'OverheadRate') });
      labourRate += r.Hours * (AR - SR);
    }
    for (const po of p.lots) {
      const got = receivedOf(po);
      if (got > 0) add(actual, { kind: 'actual', element: 'subcontract', item: p.item.ItemId, opSeq: p.op.OpSeq, workCenter: po.Supplier, qty: got, uom: p.item.Uom ?? '', rate: po.UnitPrice, amount: got * po.UnitPrice, ref: ref('PurchaseOrders', po, 'ReceivedQty'), rateRef: ref('PurchaseOrders', po, 'UnitPrice') });
    }
    const remaining = finishedAll ? 0 : p.remaining;
    const opRef = ref('Routing', p.op, 'RunHoursPerUnit');
    if (scOps.has(`${key(p.item.ItemId)}|${p.op.OpSeq}`)) {
      const price = p.op.SubcontractCostPerUnit ?? 0;
      labourEfficiency += p.hours * SR; // no standard hours on a subcontracted operation
      if (remaining > 1e-9) add(toComplete, { kind: 'toComplete', element: 'subcontract', item: p.item.ItemId, opSeq: p.op.OpSeq, workCenter: routeWc.WorkCenterId, qty: remaining, uom: p.item.Uom ?? '', rate: price, amount: remaining * price, ref: ref('Routing', p.op, 'SubcontractCostPerUnit'), rateRef: ref('Routing', p.op, 'SubcontractCostPerUnit') });
      continue;
    }
    const hoursLeft = finishedAll ? 0 : remaining * p.op.RunHoursPerUnit + (p.started ? 0 : p.op.SetupHours);
    if (hoursLeft > 1e-9) {
      const common = { kind: 'toComplete' as const, item: p.item.ItemId, opSeq: p.op.OpSeq, workCenter: routeWc.WorkCenterId, qty: hoursLeft, uom: 'h', ref: opRef };
      add(toComplete, { ...common, element: 'labour', rate: SR, amount: hoursLeft * SR, rateRef: ref('WorkCenters', routeWc, 'LabourRate') });
      add(toComplete, { ...common, element: 'overhead', rate: routeWc.OverheadRate, amount: hoursLeft * routeWc.OverheadRate, rateRef: ref('WorkCenters', routeWc, 'OverheadRate') });
    }
    labourEfficiency += (p.hours - standardHoursDone(p, p.op, finishedAll)) * SR;
  }

  const projected = zero();
  for (const e of COST_ELEMENTS) projected[e] = actual[e] + toComplete[e];
  const variances: Variances = {
    materialPrice,
    materialUsage,
    labourEfficiency,
    labourRate,
    overhead: projected.overhead - standard.overhead,
    subcontract: projected.subcontract - standard.subcontract,
    total: totalOf(projected) - totalOf(standard),
  };
  const lastRoot = progress.ops.filter((p) => p.level === 0).at(-1);
  return {
    order,
    standard,
    quoted,
    actual,
    toComplete,
    projected,
    variances,
    quotedMargin: quoted && quoted.revenue - quoted.cost,
    projectedMargin: quoted && quoted.revenue - totalOf(projected),
    finished: finishedAll ? Q : (lastRoot?.done ?? 0),
    trace,
  };
}

/** Standard hours earned by the work done: done × run hours, plus the setup once started (all of
 * it for a finished order, whose remaining work is written off). */
function standardHoursDone(p: OpProgress, op: Operation, finishedAll: boolean): number {
  if (finishedAll) return p.need * op.RunHoursPerUnit + op.SetupHours;
  return p.done * op.RunHoursPerUnit + (p.started ? op.SetupHours : 0);
}

/** An issue's unit cost and where it comes from. */
function issueCost(plant: Plant, order: Order, m: MaterialIssue, ref: (sheet: string, rec: { row: number }, col: string) => string): { price: number; source: string } {
  if (m.UnitCost !== undefined) return { price: m.UnitCost, source: ref('MaterialIssues', m, 'UnitCost') };
  const sameItem = (po: PurchaseOrder) => key(po.Item) === key(m.Item) && po.OpSeq === undefined;
  const forOrder = plant.PurchaseOrders.filter((po) => sameItem(po) && po.Order !== undefined && key(po.Order) === key(order.OrderId));
  if (forOrder.length) {
    const qty = forOrder.reduce((s, po) => s + po.Quantity, 0);
    const price = forOrder.reduce((s, po) => s + po.Quantity * po.UnitPrice, 0) / qty;
    return { price, source: forOrder.map((po) => ref('PurchaseOrders', po, 'UnitPrice')).join(', ') };
  }
  const received = plant.PurchaseOrders.filter((po) => sameItem(po) && po.ReceivedDate !== undefined && po.ReceivedDate <= m.Date).sort((a, b) => (a.ReceivedDate! < b.ReceivedDate! ? 1 : -1));
  if (received.length) return { price: received[0].UnitPrice, source: ref('PurchaseOrders', received[0], 'UnitPrice') };
  const item: Item | undefined = plant.Items.find((i) => key(i.ItemId) === key(m.Item));
  if (item?.StdCost !== undefined) return { price: item.StdCost, source: ref('Items', item, 'StdCost') };
  return { price: 0, source: '—' }; // validation leaves this only for an item with no StdCost
}
