// The supplier scorecard (docs/design.md §5): per supplier and period, from the PurchaseOrders lines
// received in it. Every criterion keeps the lines (or rating rows) it was computed from, with
// their cells, so each figure can be checked by hand. README.md (Supplier scorecard) gives every formula.
import type { SettingsValues } from '../contract';
import { daysBetween, type Day } from '../dates';
import type { Plant, PurchaseOrder, Supplier } from '../domain';
import { idKey as key, plantNetwork } from '../network';
import { cellOf } from '../parse';
import { problem, sheetRef, type Problem } from '../problems';
import { largestRemainder } from './allocate';
import { inPeriod, previousPeriod, quarterOf, type Period } from './period';

export type Grade = 'A' | 'B' | 'C' | 'D';
/** AVL advice; `no deliveries` when the supplier received nothing in the period (not scored). */
export type Advice = 'keep' | 'watch' | 'remove' | 'consider' | 'none' | 'no deliveries';

export interface ScoreSettings {
  toleranceDays: number;
  weights: { onTime: number; quality: number; price: number; service: number };
  /** minimum total (inclusive) for each grade; below gradeC is D */
  grades: { A: number; B: number; C: number };
}

/** Where a line came from, e.g. `PurchaseOrders!A12` (the PoId cell), for the detail sheets. */
interface Traced {
  poId: string;
  cell: string;
  item: string;
}

export interface OnTimeLine extends Traced {
  dueDate: Day;
  receivedDate: Day;
  /** received − due, in days (negative = early) */
  daysLate: number;
  onTime: boolean;
}

export interface QuantityLine extends Traced {
  ordered: number;
  received: number;
  /** ReceivedQty was blank: the ordered quantity is taken as received */
  receivedAssumed: boolean;
  /** min(received, ordered) / max(received, ordered) */
  accuracy: number;
}

export interface QualityLine extends Traced {
  received: number;
  accepted: number;
  /** AcceptedQty was blank: everything received is taken as accepted */
  acceptedAssumed: boolean;
}

export interface PriceLine extends Traced {
  received: number;
  unitPrice: number;
  /** received × unit price */
  spend: number;
}

export interface PriceItem {
  item: string;
  received: number;
  spend: number;
  /** spend-weighted price this supplier was paid: Σ spend / Σ received */
  paidPrice: number;
  /** cheapest approved price for the item; undefined when there is none to compare with */
  benchmarkPrice?: number;
  benchmarkSupplier?: string;
  benchmarkSource: 'SupplierItems' | 'PurchaseOrders' | 'none';
  /** 100 × min(1, benchmark / paid); undefined without a benchmark */
  score?: number;
  lines: PriceLine[];
}

export interface RatingUsed {
  cell: string;
  period: string;
  service?: number;
  cooperation?: number;
}

export interface SupplierScore {
  supplierId: string;
  name: string;
  approved: boolean;
  /** received PurchaseOrders lines in the period */
  lines: number;
  /** fractions 0–1 */
  onTimeRate: number | null;
  quantityAccuracy: number | null;
  qualityRate: number | null;
  /** scores 0–100 */
  priceScore: number | null;
  serviceScore: number | null;
  /** weighted total, rounded to 2 decimals (the figure that is graded) */
  total: number | null;
  grade: Grade | null;
  advice: Advice;
  /** total − previous period's total; null when either is missing */
  trend: number | null;
  previousTotal: number | null;
  detail: {
    onTime: OnTimeLine[];
    quantity: QuantityLine[];
    quality: QualityLine[];
    price: PriceItem[];
    ratings: RatingUsed[];
  };
}

export interface Allocation {
  item: string;
  supplier: string;
  name: string;
  total: number;
  /** whole percent; the shares of one item add up to exactly 100 */
  sharePct: number;
  /** SharePct in SupplierItems today, for comparison */
  currentSharePct?: number;
}

export interface Scorecard {
  period: Period;
  previous: Period;
  settings: ScoreSettings;
  /** sorted by total, best first; suppliers without deliveries last */
  suppliers: SupplierScore[];
  allocations: Allocation[];
  /** Settings Currency, shown with prices and spend */
  currency?: string;
}

export const scoreSettings = (s: SettingsValues): ScoreSettings => ({
  toleranceDays: s.OnTimeToleranceDays,
  weights: { onTime: s.WeightOnTime, quality: s.WeightQuality, price: s.WeightPrice, service: s.WeightService },
  grades: { A: s.GradeA, B: s.GradeB, C: s.GradeC },
});

/** Settings that make a scorecard meaningless, named by cell. */
export function scorecardProblems(plant: Plant): Problem[] {
  const s = plant.settings;
  const sheet = plant.sheetNames.Settings ?? 'Settings';
  const at = (key: string) => plant.settingsCells[key] ?? 'B1';
  const out: Problem[] = [];
  if (s.GradeA < s.GradeB)
    out.push(problem(sheet, at('GradeA'), `GradeA (${s.GradeA}) must be at least GradeB (${s.GradeB})`, `A级分数线（${s.GradeA}）不能低于B级分数线（${s.GradeB}）`));
  if (s.GradeB < s.GradeC)
    out.push(problem(sheet, at('GradeB'), `GradeB (${s.GradeB}) must be at least GradeC (${s.GradeC})`, `B级分数线（${s.GradeB}）不能低于C级分数线（${s.GradeC}）`));
  if (s.WeightOnTime + s.WeightQuality + s.WeightPrice + s.WeightService <= 0)
    out.push(problem(sheet, at('WeightOnTime'), 'the scorecard weights (WeightOnTime, WeightQuality, WeightPrice, WeightService) are all 0: give at least one a positive weight', '评分权重全为 0：请至少为一项设置正的权重'));
  return out;
}

/** Round half away from zero to `dp` (≤ 5) decimals, shifting in decimal so 1.005 → 1.01. */
export function round(x: number, dp = 2): number {
  const a = Math.abs(x);
  if (a < 10 ** -(dp + 1)) return 0; // also keeps String(a) out of exponent form below
  return Math.sign(x) * Number(`${Math.round(Number(`${a}e${dp}`))}e-${dp}`);
}

/** Grade of a (rounded) total: the first threshold it reaches, inclusive. */
export function gradeOf(total: number, g: ScoreSettings['grades']): Grade {
  return total >= g.A ? 'A' : total >= g.B ? 'B' : total >= g.C ? 'C' : 'D';
}

export function adviceOf(approved: boolean, grade: Grade | null): Advice {
  if (grade === null) return 'no deliveries';
  if (approved) return grade === 'A' || grade === 'B' ? 'keep' : grade === 'C' ? 'watch' : 'remove';
  return grade === 'A' || grade === 'B' ? 'consider' : 'none';
}

/** 1–5 rating → 0–100: (r − 1) / 4 × 100. */
export const ratingScore = (r: number): number => ((r - 1) / 4) * 100;

/** Weighted mean of the criteria that have data, weights renormalised over them; null when none. */
export function weightedTotal(scores: { onTime: number | null; quality: number | null; price: number | null; service: number | null }, w: ScoreSettings['weights']): number | null {
  let num = 0;
  let den = 0;
  for (const k of ['onTime', 'quality', 'price', 'service'] as const) {
    const s = scores[k];
    if (s === null || !(w[k] > 0)) continue;
    num += w[k] * s;
    den += w[k];
  }
  return den > 0 ? num / den : null;
}

/** The latest quarter in which anything was received; undefined when nothing ever was. */
export function latestQuarterWithReceipts(plant: Plant): Period | undefined {
  let last: Day | undefined;
  for (const po of plant.PurchaseOrders) if (po.ReceivedDate && (!last || po.ReceivedDate > last)) last = po.ReceivedDate;
  return last ? quarterOf(last) : undefined;
}

const periodKey = (p: string): string => p.replace(/\s+/g, '').toLowerCase();
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Context {
  plant: Plant;
  settings: ScoreSettings;
  approved: Map<string, boolean>;
  cell: (po: PurchaseOrder) => string;
}

function contextOf(plant: Plant, settings: ScoreSettings): Context {
  const sheet = sheetRef(plant.sheetNames.PurchaseOrders ?? 'PurchaseOrders');
  return {
    plant,
    settings,
    approved: new Map(plant.Suppliers.map((s) => [key(s.SupplierId), s.Approved])),
    cell: (po) => `${sheet}!${cellOf(plant, 'PurchaseOrders', po, 'PoId')}`,
  };
}

/** Cheapest approved price per item: SupplierItems first, else what approved suppliers were paid in the period. */
function benchmarks(ctx: Context, received: PurchaseOrder[]): Map<string, { price: number; supplier: string; source: 'SupplierItems' | 'PurchaseOrders' }> {
  const out = new Map<string, { price: number; supplier: string; source: 'SupplierItems' | 'PurchaseOrders' }>();
  for (const [item, offers] of plantNetwork(ctx.plant).approvedOffers)
    for (const si of offers) {
      const cur = out.get(item);
      if (!cur || si.UnitPrice < cur.price) out.set(item, { price: si.UnitPrice, supplier: si.Supplier, source: 'SupplierItems' });
    }
  const paid = new Map<string, { price: number; supplier: string; source: 'PurchaseOrders' }>();
  for (const po of received) {
    if (!ctx.approved.get(key(po.Supplier)) || out.has(key(po.Item))) continue;
    const cur = paid.get(key(po.Item));
    if (!cur || po.UnitPrice < cur.price) paid.set(key(po.Item), { price: po.UnitPrice, supplier: po.Supplier, source: 'PurchaseOrders' });
  }
  for (const [k, v] of paid) out.set(k, v);
  return out;
}

function priceItems(ctx: Context, lines: PurchaseOrder[], bench: ReturnType<typeof benchmarks>): PriceItem[] {
  const byItem = new Map<string, PurchaseOrder[]>();
  for (const po of lines) byItem.set(key(po.Item), [...(byItem.get(key(po.Item)) ?? []), po]);
  return [...byItem.values()].map((pos) => {
    const priceLines: PriceLine[] = pos.map((po) => {
      const received = po.ReceivedQty ?? po.Quantity;
      return { poId: po.PoId, cell: ctx.cell(po), item: po.Item, received, unitPrice: po.UnitPrice, spend: received * po.UnitPrice };
    });
    const received = priceLines.reduce((a, l) => a + l.received, 0);
    const spend = priceLines.reduce((a, l) => a + l.spend, 0);
    // Nothing received on any line: the plain mean of the prices is still this supplier's price.
    const paidPrice = received > 0 ? spend / received : mean(priceLines.map((l) => l.unitPrice));
    const b = bench.get(key(pos[0].Item));
    const score = b === undefined ? undefined : paidPrice <= 0 ? 100 : 100 * Math.min(1, b.price / paidPrice);
    return {
      item: pos[0].Item,
      received,
      spend,
      paidPrice,
      benchmarkPrice: b?.price,
      benchmarkSupplier: b?.supplier,
      benchmarkSource: b?.source ?? 'none',
      score,
      lines: priceLines,
    };
  });
}

/** Spend-weighted mean of the item scores that have a benchmark (equal weights if no spend). */
function priceScoreOf(items: PriceItem[]): number | null {
  const scored = items.filter((i) => i.score !== undefined);
  if (scored.length === 0) return null;
  const spend = scored.reduce((a, i) => a + i.spend, 0);
  return spend > 0 ? scored.reduce((a, i) => a + i.spend * i.score!, 0) / spend : mean(scored.map((i) => i.score!));
}

function scoreOne(ctx: Context, s: Supplier, lines: PurchaseOrder[], bench: ReturnType<typeof benchmarks>, period: Period) {
  const tol = ctx.settings.toleranceDays;
  const onTime: OnTimeLine[] = lines.map((po) => {
    const daysLate = daysBetween(po.DueDate, po.ReceivedDate!);
    return { poId: po.PoId, cell: ctx.cell(po), item: po.Item, dueDate: po.DueDate, receivedDate: po.ReceivedDate!, daysLate, onTime: daysLate <= tol };
  });
  const quantity: QuantityLine[] = lines.map((po) => {
    const received = po.ReceivedQty ?? po.Quantity;
    return {
      poId: po.PoId, cell: ctx.cell(po), item: po.Item, ordered: po.Quantity, received, receivedAssumed: po.ReceivedQty === undefined,
      accuracy: Math.min(received, po.Quantity) / Math.max(received, po.Quantity),
    };
  });
  const quality: QualityLine[] = lines.map((po) => {
    const received = po.ReceivedQty ?? po.Quantity;
    // Never more accepted than received (validation catches it when both are typed).
    const accepted = Math.min(received, po.AcceptedQty ?? received);
    return { poId: po.PoId, cell: ctx.cell(po), item: po.Item, received, accepted, acceptedAssumed: po.AcceptedQty === undefined };
  });
  const price = priceItems(ctx, lines, bench);
  const ratingsSheet = sheetRef(ctx.plant.sheetNames.SupplierRatings ?? 'SupplierRatings');
  const ratings: RatingUsed[] = ctx.plant.SupplierRatings.filter((r) => key(r.Supplier) === key(s.SupplierId) && periodKey(r.Period) === periodKey(period.key))
    .filter((r) => r.Service !== undefined || r.Cooperation !== undefined)
    .map((r) => ({ cell: `${ratingsSheet}!${cellOf(ctx.plant, 'SupplierRatings', r, 'Period')}`, period: r.Period, service: r.Service, cooperation: r.Cooperation }));
  const marks = ratings.flatMap((r) => [r.service, r.cooperation]).filter((x): x is number => x !== undefined);

  const received = quality.reduce((a, l) => a + l.received, 0);
  const any = lines.length > 0;
  const onTimeRate = any ? onTime.filter((l) => l.onTime).length / lines.length : null;
  const quantityAccuracy = any ? mean(quantity.map((l) => l.accuracy)) : null;
  const qualityRate = received > 0 ? quality.reduce((a, l) => a + l.accepted, 0) / received : null;
  const priceScore = any ? priceScoreOf(price) : null;
  const serviceScore = marks.length ? mean(marks.map(ratingScore)) : null;
  const raw = any
    ? weightedTotal({ onTime: onTimeRate === null ? null : onTimeRate * 100, quality: qualityRate === null ? null : qualityRate * 100, price: priceScore, service: serviceScore }, ctx.settings.weights)
    : null;
  const total = raw === null ? null : round(raw, 2);
  return { onTime, quantity, quality, price, ratings, onTimeRate, quantityAccuracy, qualityRate, priceScore, serviceScore, total };
}

function receivedIn(plant: Plant, p: Period): PurchaseOrder[] {
  return plant.PurchaseOrders.filter((po) => po.ReceivedDate !== undefined && inPeriod(po.ReceivedDate, p));
}

/** Totals only (for the previous period's trend). */
function totalsFor(plant: Plant, settings: ScoreSettings, period: Period): Map<string, number | null> {
  const ctx = contextOf(plant, settings);
  const received = receivedIn(plant, period);
  const bench = benchmarks(ctx, received);
  return new Map(plant.Suppliers.map((s) => [key(s.SupplierId), scoreOne(ctx, s, received.filter((po) => key(po.Supplier) === key(s.SupplierId)), bench, period).total]));
}

/** Score every supplier on the Suppliers sheet for a period. */
export function scoreSuppliers(plant: Plant, period: Period, settings: ScoreSettings = scoreSettings(plant.settings)): Scorecard {
  const ctx = contextOf(plant, settings);
  const received = receivedIn(plant, period);
  const bench = benchmarks(ctx, received);
  const previous = previousPeriod(period);
  const before = totalsFor(plant, settings, previous);

  const suppliers: SupplierScore[] = plant.Suppliers.map((s) => {
    const lines = received.filter((po) => key(po.Supplier) === key(s.SupplierId));
    const r = scoreOne(ctx, s, lines, bench, period);
    const grade = r.total === null ? null : gradeOf(r.total, settings.grades);
    const previousTotal = before.get(key(s.SupplierId)) ?? null;
    return {
      supplierId: s.SupplierId,
      name: s.Name,
      approved: s.Approved,
      lines: lines.length,
      onTimeRate: r.onTimeRate,
      quantityAccuracy: r.quantityAccuracy,
      qualityRate: r.qualityRate,
      priceScore: r.priceScore,
      serviceScore: r.serviceScore,
      total: r.total,
      grade,
      advice: adviceOf(s.Approved, grade),
      trend: r.total !== null && previousTotal !== null ? round(r.total - previousTotal, 2) : null,
      previousTotal,
      detail: { onTime: r.onTime, quantity: r.quantity, quality: r.quality, price: r.price, ratings: r.ratings },
    };
  });
  suppliers.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.supplierId.localeCompare(b.supplierId));
  return { period, previous, settings, suppliers, allocations: allocate(plant, suppliers, received), currency: plant.settings.Currency };
}

/**
 * Shares per item among approved suppliers in proportion to their totals. Candidates: approved
 * suppliers listed for the item in SupplierItems or that delivered it in the period; only those
 * with a total (deliveries in the period) get a share.
 */
export function allocate(plant: Plant, scores: SupplierScore[], received: PurchaseOrder[]): Allocation[] {
  const byId = new Map(scores.map((s) => [key(s.supplierId), s]));
  const items = new Map<string, { item: string; suppliers: Set<string> }>();
  const add = (item: string, supplier: string) => {
    const s = byId.get(key(supplier));
    if (!s || !s.approved || s.total === null) return;
    const e = items.get(key(item)) ?? { item, suppliers: new Set<string>() };
    e.suppliers.add(key(supplier));
    items.set(key(item), e);
  };
  for (const si of plant.SupplierItems) add(si.Item, si.Supplier);
  for (const po of received) add(po.Item, po.Supplier);
  const current = new Map(plant.SupplierItems.map((si) => [`${key(si.Item)}|${key(si.Supplier)}`, si.SharePct]));
  const out: Allocation[] = [];
  for (const [ik, { item, suppliers }] of [...items].sort((a, b) => a[1].item.localeCompare(b[1].item))) {
    const cands = [...suppliers].map((k) => byId.get(k)!).sort((a, b) => b.total! - a.total! || a.supplierId.localeCompare(b.supplierId));
    const shares = largestRemainder(cands.map((c) => c.total!));
    cands.forEach((c, i) =>
      out.push({ item, supplier: c.supplierId, name: c.name, total: c.total!, sharePct: shares[i], currentSharePct: current.get(`${ik}|${key(c.supplierId)}`) }),
    );
  }
  return out;
}
