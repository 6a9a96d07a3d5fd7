// From the plan's weekly allocation to what the shop floor does, day by day (see README "The
// schedule"): whole lots per order and operation, placed on the working days of each work center
// by sequence.ts, two ways — following the plan's buckets, and by priority then due date as a
// dispatcher would — keeping the one whose orders, each judged by its last unit, are less late
// (priority-weighted days; a tie goes to the dispatcher's order, which no solver detail can change).
import { daysBetween, type Day } from '../dates';
import type { Plant } from '../domain';
import { bucketOfDay, bucketOffset, daysBetweenBuckets } from '../plan/buckets';
import { finishCost } from '../plan/costs';
import type { PlanModel, PlannedOrder } from '../plan/build-model';
import { key } from '../plan/capacity';
import { lateSeverity, type PlanException, type PlanResult, type Text } from '../plan/extract';
import { days } from '../plural';
import { alternateCover, type OwnMaterial } from '../plan/alternates';
import { heldOnHand, isDedicated } from '../plan/dedicated';
import { afterSafetyRefill } from '../plan/supply';
import { purchaseLots } from '../plan/purchase-suggestions';
import { clockText, dayAt, dayOfStart, endDayOf, workCenterDays, type WorkCenterDays } from './days';
import { discreteUoms, isDiscrete, wholeNearest, wholeSeries, wholeSeriesInto } from './round';
import type { WorkCenterChoice } from '../plan/network';
import { idleBetween, lotOp, lotWc, placedOf, sequence, ships, type AlternateDrawn, type Lot, type MaterialTimeline, type Placed } from './sequence';

export interface ScheduleRow {
  orderId: string;
  item: string;
  opSeq: number;
  /** ASSY10, or SAIMPELLER_CNC20 for a component's operation */
  operation: string;
  /** work center id; the subcontracted ones are not on a work center */
  workCenter: string;
  subcontract: boolean;
  /** 1-based unit (lane) of the work center, 0 when subcontracted */
  lane: number;
  quantity: number;
  uom: string;
  /** "2026-12-07 08:00" */
  start: string;
  end: string;
  startDay: Day;
  endDay: Day;
  setupHours: number;
  runHours: number;
  /** the day its materials are there, null when it needs none */
  materialReady: Day | null;
  materialOk: boolean;
  /** alternate components drawn instead of primaries (BOM AlternateOf) */
  alternates?: AlternateDrawn[];
  /** working days the lot spans (more than 1: split over days) */
  days: number;
  priority: number;
  dueDate: Day;
  /** the order finishes after its due date (late) or on it (atRisk) */
  lateRisk: 'late' | 'atRisk' | '';
  /** hours from PlanStart 00:00, for drawing */
  t0: number;
  t1: number;
  pieces: [number, number][];
}

export type Rule = 'plan' | 'priority';

export interface OrderFinish {
  orderId: string;
  dueDate: Day;
  finishDate: Day | null;
  daysLate: number | null;
}

export interface Schedule {
  start: Day;
  /** days of the plan horizon */
  horizonDays: number;
  /**
   * The lots as the rows show them (transfer batches of one lot that run back to back joined), in
   * row order: by start, then work center, then lane.
   */
  lots: Placed;
  /** the work center id each of `lots` shows (a subcontracted lot's Routing work center) */
  lotWorkCenters: string[];
  /**
   * The rows of the lots that start before `before` hours from PlanStart (all by default): a
   * prefix of the rows, each made on first ask (the sheets and the answer show the first weeks').
   */
  rows: (before?: number) => ScheduleRow[];
  /** every row's quantity is a whole number */
  wholeQuantities: boolean;
  /** the transfer batches as placed, before batches of one lot are joined into rows */
  batches: Placed;
  orders: Map<string, OrderFinish>;
  /** which dispatch order was kept (see schedulePlan) */
  rule: Rule;
  /** Σ priority weight × days late of each order (by its last unit), each way tried */
  weightedLateness: Partial<Record<Rule, number>>;
  /** the plan objective of the schedule: whole units on real days (the LP's objective is the bound) */
  roundedObjective: number;
  exceptions: PlanException[];
  /** work centers with their lanes, in sheet order */
  workCenters: { id: string; lanes: number }[];
}

const EPS = 1e-6;
/** A lot is moved on in at most this many transfer batches. */
const MAX_BATCHES = 4;
/** Buckets a lot may start before the bucket the plan gave it, on time a lane would leave idle. */
const PULL_AHEAD = 2;
/** Transfer batches up to which both dispatch orders are tried (small and mid-size plants). */
export const PRIORITY_RULE_MAX_LOTS = 10_000;

export function schedulePlan(plant: Plant, pm: PlanModel, values: ArrayLike<number>, lpObjective: number): Schedule {
  const b = pm.buckets;
  const val = (c: number) => (c >= 0 ? Math.max(0, values[c]) : 0);
  const discrete = discreteUoms(plant.settings);
  const days = workCenterDays(plant, pm, values);
  const lots = makeLots(pm, values, discrete, days);
  const materials = materialTimelines(plant, pm, val);
  const alternates = alternateCover(pm.substitutions, val);
  const own = ownMaterial(pm, val);
  // Two dispatch orders, each placing every lot (finite capacity, precedence, materials):
  //  - plan: bucket by bucket as the LP allocated them (a lot may start up to PULL_AHEAD buckets
  //    early on idle time, which evens out work the weekly plan piled up in the due week);
  //  - priority: order by order, by priority, then due date, then order id, as a dispatcher would.
  // The one with the least priority-weighted lateness is kept; on a tie the dispatcher's, so
  // equal answers never depend on the solver's choice between equal plans. (A third order, whole
  // orders in the order the LP finishes them, won on the sample plant by 15 % but cost a third
  // more time on the 1000-order bench plant, where it lost.)
  const key = dispatchKeys(pm);
  const release = releases(pm);
  const rules = [
    ['plan', key.plan, release.plan],
    ['priority', key.priority, release.priority],
  ] as const;
  // Above PRIORITY_RULE_MAX_LOTS the dispatcher's order is not run: it doubles the schedule's
  // time and lost by a quarter on the 1000-order bench plant (and by a quarter on the sample).
  const runs = (lots.length <= PRIORITY_RULE_MAX_LOTS ? rules : rules.slice(0, 1)).map(([rule, order, releaseOf]) => {
    const placed = sequence({ pm, days, materials, releaseOf, alternates, own }, sortedBy(lots, order));
    return { rule, placed, ...lateness(pm, placed) };
  });
  const best = runs.reduce((a, r) => (r.score <= a.score + 1e-9 ? r : a));
  const { rule, placed } = best;
  const chosen = best;

  const orders = new Map<string, OrderFinish>();
  for (const o of pm.orders) {
    if (o.blocked) continue;
    const f = chosen.finish.get(o);
    const finishDate = f === undefined ? null : dayAt(b.start, f);
    const of: OrderFinish = { orderId: o.order.OrderId, dueDate: o.order.DueDate, finishDate, daysLate: finishDate === null ? null : Math.max(0, daysBetween(o.order.DueDate, finishDate)) };
    orders.set(o.order.OrderId, of);
  }
  // Each row marks its order late, or at risk when it finishes on its due date.
  const risk = (o: PlannedOrder): ScheduleRow['lateRisk'] => {
    const f = orders.get(o.order.OrderId)?.finishDate ?? null;
    return f === null ? '' : f > o.order.DueDate ? 'late' : f === o.order.DueDate ? 'atRisk' : '';
  };
  const { lots: rowLots, workCenters: lotWorkCenters } = byStart(mergeBatches(placed, days), days);
  const made: ScheduleRow[] = [];
  const rows = (before = Infinity): ScheduleRow[] => {
    let n = 0;
    while (n < rowLots.n && rowLots.start[n] < before) n++;
    for (let i = made.length; i < n; i++) made.push(row(b.start, rowLots, i, lotWorkCenters[i], risk, discrete));
    return made.slice(0, n);
  };
  return {
    start: b.start,
    horizonDays: b.offsets[b.count],
    lots: rowLots,
    lotWorkCenters,
    rows,
    // (A whole quantity is whole in any unit: the unit asked only of the others.)
    wholeQuantities: rowLots.lot.every((lot) => Number.isInteger(lot.qty) || Number.isInteger(rowQuantity(lot, discrete))),
    batches: placed,
    orders,
    rule,
    weightedLateness: Object.fromEntries(runs.map((r) => [r.rule, r.score])) as Schedule['weightedLateness'],
    roundedObjective: roundedObjective(pm, plant, placed, val, discrete, lpObjective),
    exceptions: scheduleExceptions(pm, placed, days, rule),
    workCenters: [...days.values()].map((w) => ({ id: w.wc.WorkCenterId, lanes: w.lanes })),
  };
}

/**
 * The two dispatch orders' sort keys, as numbers: plan (bucket, then order rank, then operation)
 * and priority (order rank, then operation, then bucket), orders ranked once by priority, due
 * date and order id.
 */
function dispatchKeys(pm: PlanModel): Record<'plan' | 'priority', (l: Lot) => number> {
  // (By the order's place in pm.orders: no map lookup per lot.)
  const rank = new Int32Array(pm.orders.length);
  pm.orders.slice().sort(byOrder).forEach((o, i) => (rank[o.index] = i));
  const R = pm.orders.length + 1;
  const O = pm.orders.reduce((m, o) => Math.max(m, o.ops.length), 1) + 1;
  const T = pm.buckets.count + 1;
  return {
    plan: (l) => (l.bucket * R + rank[l.order.index]) * O + l.opIndex,
    priority: (l) => (rank[l.order.index] * O + l.opIndex) * T + l.bucket,
  };
}

/**
 * `xs` sorted by a key computed once each (stable). The keys are whole numbers ≥ 0 well below
 * 2^53 / xs.length, so key × n + index sorts as the key, then the place, in one typed array
 * sorted without a comparator.
 */
function sortedBy<T>(xs: T[], key: (x: T) => number): T[] {
  const n = xs.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = key(xs[i]);
  const order = stableOrder(keys);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = xs[order[i]];
  return out;
}

/** The places of `keys` in order of key, then place (sortedBy's bound on the keys); `keys` is reused. */
function stableOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  for (let i = 0; i < n; i++) keys[i] = keys[i] * n + i;
  keys.sort();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = keys[i] % n;
  return out;
}

/**
 * Each dispatch order's earliest start of a lot, in hours from PlanStart: its order's release
 * (worked out once per order); in the plan's order also at most PULL_AHEAD buckets before the
 * lot's own bucket.
 */
function releases(pm: PlanModel): Record<'plan' | 'priority', (l: Lot) => number> {
  const b = pm.buckets;
  const released = new Float64Array(pm.orders.length).fill(-1); // by the order's place in pm.orders; −1 not yet worked out
  const priority = (l: Lot) => {
    let h = released[l.order.index];
    if (h < 0) released[l.order.index] = h = 24 * Math.max(0, daysBetween(b.start, l.order.release));
    return h;
  };
  return { priority, plan: (l) => Math.max(priority(l), 24 * bucketOffset(b, l.bucket - PULL_AHEAD)) };
}

const byOrder = (x: PlannedOrder, y: PlannedOrder): number =>
  x.order.Priority - y.order.Priority ||
  (x.order.DueDate < y.order.DueDate ? -1 : x.order.DueDate > y.order.DueDate ? 1 : 0) ||
  (x.order.OrderId < y.order.OrderId ? -1 : x.order.OrderId > y.order.OrderId ? 1 : 0);

/** Whole lots per order, operation and bucket (in-house and sent out), cut into transfer batches; only `orders`' and up to bucket `upTo` if given. */
function makeLots(pm: PlanModel, values: ArrayLike<number>, discrete: Set<string>, days: Map<string, WorkCenterDays>, orders = pm.orders, upTo = Infinity): Lot[] {
  const T = pm.buckets.count;
  // Rounding running totals up to a bucket needs only the buckets before it.
  const upToT = Math.min(T, upTo + 1);
  const ys = new Float64Array(upToT);
  const sums = new Float64Array(upToT);
  const q = new Float64Array(upToT);
  const alt: number[] = []; // units per alternative work center in one bucket
  const cut: Cutting = { lots: [], nextLot: 0, cum: 0, days, o: undefined!, opIndex: 0, v: undefined!, whole: false };
  // (Plain loops into reused arrays, the solution read in place: this runs for every operation
  // of every order and bucket, much of it before the code is compiled.)
  for (const o of orders) {
    if (o.blocked) continue;
    for (let opIndex = 0; opIndex < o.ops.length; opIndex++) {
      const v = o.ops[opIndex];
      const n = v.op.node;
      let total = 0;
      for (let t = 0; t < upToT; t++) {
        const cx = v.x[t];
        const cy = v.y[t];
        const y = cy >= 0 ? Math.max(0, values[cy]) : 0;
        ys[t] = y;
        total += sums[t] = (cx >= 0 ? Math.max(0, values[cx]) : 0) + y;
      }
      if (total === 0) continue; // nothing planned: no lots (every cut below would be of 0)
      const whole = isDiscrete(n.item.Uom, discrete);
      cut.o = o;
      cut.opIndex = opIndex;
      cut.v = v;
      cut.whole = whole;
      cut.cum = 0;
      // One lot per bucket the plan gave the operation: the LP's allocation, in whole pieces. The
      // order's own item to the nearest piece (its quantity less what is short); what it needs, up.
      if (whole) wholeSeriesInto(sums, n === o.root ? 'nearest' : 'up', q);
      else q.set(sums);
      for (let t = 0; t < upToT; t++) {
        const sub = whole ? Math.min(q[t], wholeNearest(ys[t])) : ys[t];
        if (v.xw) {
          // Split as the plan split it over alternative work centers (whole pieces each); the preferred takes the rest.
          let rest = q[t] - sub;
          for (let i = 1; i < v.xw.length; i++) {
            const c = v.xw[i].cols[t];
            const on = c >= 0 ? Math.max(0, values[c]) : 0;
            rest -= alt[i] = Math.min(rest, whole ? wholeNearest(on) : on);
          }
          cutLot(cut, t, rest, false, v.xw[0].center);
          for (let i = 1; i < v.xw.length; i++) cutLot(cut, t, alt[i], false, v.xw[i].center);
        } else cutLot(cut, t, q[t] - sub, false, undefined);
        cutLot(cut, t, sub, true, undefined);
      }
    }
  }
  return cut.lots;
}

/** makeLots' lots so far and the operation it cuts (one object for all: no closure per operation). */
interface Cutting {
  lots: Lot[];
  nextLot: number;
  /** the operation's units cut so far */
  cum: number;
  days: Map<string, WorkCenterDays>;
  o: PlannedOrder;
  opIndex: number;
  v: PlannedOrder['ops'][number];
  whole: boolean;
}

/** A lot of `qty` of the operation in bucket `bucket`, cut into transfer batches. */
function cutLot(c: Cutting, bucket: number, qty: number, subcontract: boolean, center: WorkCenterChoice | undefined): void {
  if (qty <= EPS) return;
  const lotId = c.nextLot++;
  const v = c.v;
  const whole = c.whole;
  const w = c.days.get(center?.wc ?? v.op.wc);
  // Transfer batches of about half a day's run each (at most MAX_BATCHES), whole pieces for pieces.
  const run = w ? ((center?.op ?? v.op.op).RunHoursPerUnit * qty) / w.eff : 0;
  const perDay = w && w.wc.HoursPerDay > 0 ? w.wc.HoursPerDay : 8;
  let nb = subcontract ? 1 : Math.max(1, Math.min(MAX_BATCHES, Math.ceil(run / (perDay / 2) - 1e-9)));
  if (whole) nb = Math.min(nb, Math.max(1, Math.floor(qty)));
  for (let i = 0; i < nb; i++) {
    const part = whole ? Math.floor(qty / nb) + (i < qty % nb ? 1 : 0) : qty / nb;
    if (part <= EPS) continue;
    c.cum += part;
    c.lots.push({ order: c.o, opIndex: c.opIndex, v, bucket, qty: part, subcontract, cumQty: c.cum, lotId, center }); // (center undefined when none: one shape for all)
  }
}

/** Stock above safety stock at the start, open POs on their due dates, suggested purchases when needed by. */
function materialTimelines(plant: Plant, pm: PlanModel, val: (c: number) => number): Map<string, MaterialTimeline> {
  const b = pm.buckets;
  const out = new Map<string, MaterialTimeline>();
  for (const [m, mv] of pm.materials) {
    const item = mv.supply.item;
    const ev: [number, number][] = [[0, mv.supply.usable]];
    const pools = pm.dedicated.get(m) ?? [];
    // Lines bought for one order are in that order's own timeline (below), not the common one.
    const pos = plant.PurchaseOrders.filter((p) => p.ReceivedDate === undefined && key(p.Item) === m && !isDedicated(p)).sort((x, y) => (x.DueDate < y.DueDate ? -1 : x.DueDate > y.DueDate ? 1 : 0));
    const usable = afterSafetyRefill(Math.max(0, item.OnHand - heldOnHand(pools)), item.SafetyStock, pos.map((p) => p.Quantity));
    pos.forEach((p, i) => ev.push([24 * Math.max(0, daysBetween(b.start, p.DueDate)), usable[i]]));
    // What the buyer is told to buy (whole units, lot-sized), at the start of its bucket.
    for (const lot of purchaseLots(mv, val)) ev.push([24 * bucketOffset(b, lot.bucket), lot.quantity]);
    ev.sort((x, y) => x[0] - y[0]);
    out.set(m, { times: ev.map((e) => e[0]), qty: ev.map((e) => e[1]) });
    for (const pool of pools) {
      if (!pool.planned) continue;
      const own: [number, number][] = [[0, pool.onHand]];
      for (const p of pool.lines) if (p.ReceivedDate === undefined) own.push([24 * Math.max(0, daysBetween(b.start, p.DueDate)), p.Quantity]);
      own.sort((x, y) => x[0] - y[0]);
      out.set(ownKey(m, pool.planned), { times: own.map((e) => e[0]), qty: own.map((e) => e[1]) });
    }
  }
  return out;
}

const ownKey = (m: string, o: PlannedOrder) => `${m}@${o.index}`;

/** Per order, its own material per item and what the plan drew from it (plan/dedicated.ts). */
function ownMaterial(pm: PlanModel, val: (c: number) => number): Map<PlannedOrder, OwnMaterial> {
  const out = new Map<PlannedOrder, OwnMaterial>();
  for (const [m, pools] of pm.dedicated)
    for (const pool of pools) {
      if (!pool.planned) continue;
      const total = Array.from(pool.draw, (c) => val(c)).reduce((a, v) => a + v, 0);
      if (total <= 1e-9) continue;
      const own = out.get(pool.planned) ?? new Map();
      out.set(pool.planned, own.set(m, { key: ownKey(m, pool.planned), total }));
    }
  return out;
}

/** Each order judged by its last unit: the day its last operation's last lot ends; Σ weight × days late. */
function lateness(pm: PlanModel, placed: Placed): { score: number; finish: Map<PlannedOrder, number> } {
  const finish = new Map<PlannedOrder, number>();
  const missing = new Set<PlannedOrder>();
  const start = pm.buckets.start;
  const due = new Map<PlannedOrder, number>();
  const dueOf = (o: PlannedOrder) => due.get(o) ?? due.set(o, daysBetween(start, o.order.DueDate)).get(o)!;
  const lateOf = (o: PlannedOrder, day: number) => Math.max(0, day - dueOf(o));
  // An order that takes partial shipments is as late as its units are on average.
  const partial = new Map<PlannedOrder, { days: number; qty: number }>();
  for (let i = 0; i < placed.n; i++) {
    const lot = placed.lot[i];
    const o = lot.order;
    if (lot.v !== o.last) continue;
    const end = endDayOf(placed.start[i], placed.end[i]);
    if (!placed.placed[i]) missing.add(o);
    else finish.set(o, Math.max(finish.get(o) ?? -Infinity, end));
    if (o.order.PartialOk && placed.placed[i]) {
      const a = partial.get(o) ?? { days: 0, qty: 0 };
      a.days += lot.qty * lateOf(o, end);
      a.qty += lot.qty;
      partial.set(o, a);
    }
  }
  let score = 0;
  for (const [o, f] of finish) {
    const a = partial.get(o);
    score += o.weight * (a ? a.days / Math.max(a.qty, EPS) : lateOf(o, f));
  }
  for (const o of missing) {
    finish.delete(o);
    score += o.weight * 10_000; // not scheduled at all: worse than any lateness
  }
  return { score, finish };
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The work center id a lot's row shows (a subcontracted lot's Routing work center). */
const wcName = (lot: Lot, days: Map<string, WorkCenterDays>): string => days.get(lotWc(lot))?.wc.WorkCenterId ?? lotOp(lot).WorkCenter;

/** A row's quantity: whole pieces as placed, other units to 4 decimals. */
function rowQuantity(lot: Lot, discrete: Set<string>): number {
  return isDiscrete(lot.v.op.node.item.Uom, discrete) ? lot.qty : Math.round(lot.qty * 1e4) / 1e4;
}

/**
 * Lots in row order, with the work center each shows: by start, then work center, then lane,
 * then their place (stable), by sortedBy's whole-number keys (typed-array sorts, no comparator):
 * the start as its rank among the starts, the work centers' order worked out once.
 */
function byStart(lots: Placed, days: Map<string, WorkCenterDays>): { lots: Placed; workCenters: string[] } {
  const n = lots.n;
  const wcOf = new Array<string>(n);
  const rank = new Map<string, number>();
  let lanes = 1;
  const starts = lots.start.slice(0, n);
  for (let i = 0; i < n; i++) {
    rank.set((wcOf[i] = wcName(lots.lot[i], days)), 0);
    lanes = Math.max(lanes, lots.lane[i] + 1);
  }
  const names = [...rank.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  names.forEach((w, i) => rank.set(w, i));
  starts.sort();
  // Each start's rank: where it first appears among the sorted starts (equal starts, equal ranks).
  // (Plain loops, no key closures: this runs once per schedule on every row, mostly cold code.)
  const startRank = new Float64Array(n);
  const wcLane = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = lots.start[i];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    startRank[i] = lo;
    wcLane[i] = rank.get(wcOf[i])! * lanes + lots.lane[i];
  }
  // One sort when start, work center and lane fit one key with the place (sortedBy's bound), else two.
  const span = rank.size * lanes;
  let order: Int32Array;
  if (n * span * n < 2 ** 53) {
    for (let i = 0; i < n; i++) startRank[i] = startRank[i] * span + wcLane[i];
    order = stableOrder(startRank);
  } else {
    const byWc = stableOrder(wcLane);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = startRank[byWc[i]];
    order = stableOrder(keys).map((j) => byWc[j]);
  }
  const workCenters = new Array<string>(n);
  for (let k = 0; k < n; k++) workCenters[k] = wcOf[order[k]];
  return { lots: gather(lots, order), workCenters };
}

/** `p`'s lots in the order of `order` (their stretches stay where they are). */
function gather(p: Placed, order: Int32Array): Placed {
  const out = placedOf(order.length);
  out.n = order.length;
  out.stretches = p.stretches;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    out.lot[k] = p.lot[i];
    out.lane[k] = p.lane[i];
    out.start[k] = p.start[i];
    out.end[k] = p.end[i];
    out.setupHours[k] = p.setupHours[i];
    out.runHours[k] = p.runHours[i];
    out.materialReady[k] = p.materialReady[i];
    out.materialOk[k] = p.materialOk[i];
    out.placed[k] = p.placed[i];
    out.first[k] = p.first[i];
    out.days[k] = p.days[i];
    const alts = p.alternates.get(i);
    if (alts) out.alternates.set(k, alts);
  }
  return out;
}

/**
 * Batches of one lot that run back to back on the same unit (or only a night apart) are one row:
 * one lot, one setup. Shipping a bought item is no shop work: it has no row (its order's finish
 * is read from the batches).
 */
function mergeBatches(placed: Placed, days: Map<string, WorkCenterDays>): Placed {
  const sorted = byLotLaneStart(placed);
  const out = placedOf(placed.n);
  const st = out.stretches;
  for (let k = 0; k < sorted.length; k++) {
    const i = sorted[k];
    const lot = placed.lot[i];
    if (ships(lot)) continue;
    const q = out.n - 1; // the row so far; its stretches are the last ones
    let w: WorkCenterDays | undefined;
    if (q >= 0 && out.placed[q] && placed.placed[i] && !lot.subcontract && out.lot[q].lotId === lot.lotId && out.lane[q] === placed.lane[i] && (w = days.get(lotWc(lot))) && idleBetween(w, out.end[q], placed.start[i])) {
      for (let j = placed.first[i]; j < placed.first[i] + placed.days[i]; j++) {
        const a = placed.stretches[2 * j];
        const b = placed.stretches[2 * j + 1];
        if (out.days[q] > 0 && Math.abs(st[st.length - 1] - a) < 1e-9) st[st.length - 1] = b;
        else {
          st.push(a, b);
          out.days[q]++;
        }
      }
      out.lot[q] = { ...out.lot[q], qty: out.lot[q].qty + lot.qty, cumQty: lot.cumQty };
      out.end[q] = Math.max(out.end[q], placed.end[i]);
      out.setupHours[q] += placed.setupHours[i];
      out.runHours[q] += placed.runHours[i];
      // (materialReady stays the first batch's: what the lot's start needs; each batch waited for its own)
      out.materialOk[q] = out.materialOk[q] && placed.materialOk[i] ? 1 : 0;
      const a = out.alternates.get(q);
      const b = placed.alternates.get(i);
      if (a || b) out.alternates.set(q, joinDrawn(a, b));
    } else {
      const r = out.n++;
      out.lot[r] = lot;
      out.lane[r] = placed.lane[i];
      out.start[r] = placed.start[i];
      out.end[r] = placed.end[i];
      out.setupHours[r] = placed.setupHours[i];
      out.runHours[r] = placed.runHours[i];
      out.materialReady[r] = placed.materialReady[i];
      out.materialOk[r] = placed.materialOk[i];
      out.placed[r] = placed.placed[i];
      out.first[r] = st.length / 2;
      out.days[r] = placed.days[i];
      for (let j = 2 * placed.first[i]; j < 2 * (placed.first[i] + placed.days[i]); j++) st.push(placed.stretches[j]);
      const alts = placed.alternates.get(i);
      if (alts) out.alternates.set(r, alts);
    }
  }
  return out;
}

/**
 * Placed batches (their places) by lot, lane, then start (a stable sort): lot and lane packed
 * into one whole number sorted in a typed array with the batch's place, then the few batches of
 * one lot on one lane put in order of start.
 */
function byLotLaneStart(placed: Placed): Int32Array {
  const n = placed.n;
  let lanes = 1;
  for (let i = 0; i < n; i++) lanes = Math.max(lanes, placed.lane[i] + 1);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = placed.lot[i].lotId * lanes + placed.lane[i];
  const out = stableOrder(keys);
  // Within a run of one lot and lane, by start (insertion: runs are a few batches, stable).
  for (let i = 1; i < n; i++) {
    const p = out[i];
    let j = i - 1;
    while (j >= 0 && placed.lot[out[j]].lotId === placed.lot[p].lotId && placed.lane[out[j]] === placed.lane[p] && placed.start[out[j]] > placed.start[p]) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = p;
  }
  return out;
}

/** Alternates drawn by two batches of one lot, summed per alternate and primary. */
function joinDrawn(a: AlternateDrawn[] = [], b: AlternateDrawn[] = []): AlternateDrawn[] {
  const out: AlternateDrawn[] = [];
  for (const d of [...a, ...b]) {
    const same = out.find((x) => x.item === d.item && x.primary === d.primary);
    if (same) same.qty = Math.round((same.qty + d.qty) * 1e4) / 1e4;
    else out.push({ ...d });
  }
  return out;
}

function row(start: Day, p: Placed, i: number, workCenter: string, lateRisk: (o: PlannedOrder) => ScheduleRow['lateRisk'], discrete: Set<string>): ScheduleRow {
  const lot = p.lot[i];
  const o = lot.order;
  const op = lot.v.op;
  const pieces: [number, number][] = [];
  for (let j = p.first[i]; j < p.first[i] + p.days[i]; j++) pieces.push([p.stretches[2 * j], p.stretches[2 * j + 1]]);
  const t0 = p.start[i];
  const t1 = p.end[i];
  return {
    orderId: o.order.OrderId,
    item: op.node.item.ItemId,
    opSeq: op.op.OpSeq,
    operation: op.label,
    workCenter,
    subcontract: lot.subcontract,
    lane: p.lane[i],
    quantity: rowQuantity(lot, discrete),
    uom: op.node.item.Uom ?? '',
    start: clockText(start, t0),
    end: clockText(start, t1),
    startDay: dayAt(start, dayOfStart(t0)),
    endDay: dayAt(start, endDayOf(t0, t1)),
    setupHours: r2(p.setupHours[i]),
    runHours: r2(p.runHours[i]),
    materialReady: p.materialReady[i] === -Infinity ? null : dayAt(start, dayOfStart(p.materialReady[i])),
    materialOk: p.materialOk[i] === 1,
    alternates: p.alternates.get(i), // left out of the JSON when there are none
    days: pieces.length,
    priority: o.order.Priority,
    dueDate: o.order.DueDate,
    lateRisk: lateRisk(o),
    t0,
    t1,
    pieces,
  };
}

/**
 * The plan objective of the schedule, by the LP's own prices: the LP's cost of finishing each
 * order replaced by that of the whole lots on the days the schedule finishes them (lateness
 * counted the LP's way, in buckets), units left short and purchases in whole pieces. Capacity,
 * precedence and materials hold in the schedule, so this is a plan the shop can run; the LP's
 * objective is the bound no such plan can beat, and the difference is what whole units and real
 * days cost.
 */
function roundedObjective(pm: PlanModel, plant: Plant, placed: Placed, val: (c: number) => number, discrete: Set<string>, lpObjective: number): number {
  const cost = pm.lp.colCost;
  const b = pm.buckets;
  const penalty = plant.settings.LatePenaltyPerUnitDay;
  let delta = 0;
  const made = new Map<PlannedOrder, number>();
  for (const o of pm.orders) {
    if (o.blocked || !o.last) continue;
    for (const cols of [o.last.x, o.last.y])
      for (let t = 0; t < cols.length; t++) {
        const c = cols[t];
        if (c >= 0) delta -= cost[c] * val(c);
      }
  }
  for (let i = 0; i < placed.n; i++) {
    const lot = placed.lot[i];
    const o = lot.order;
    if (lot.v !== o.last || !placed.placed[i]) continue;
    const t = bucketOfDay(b, endDayOf(placed.start[i], placed.end[i]));
    const finish = finishCost(o.weight, penalty, daysBetweenBuckets(b, o.dueBucket, t), t, o.dueBucket);
    delta += lot.qty * (finish + (lot.subcontract ? (o.last.op.op.SubcontractCostPerUnit ?? 0) : 0));
    made.set(o, (made.get(o) ?? 0) + lot.qty);
  }
  for (const o of pm.orders) {
    if (o.blocked || o.short < 0) continue;
    delta += cost[o.short] * (Math.max(0, o.order.Quantity - (made.get(o) ?? 0)) - val(o.short));
  }
  for (const mv of pm.materials.values()) {
    if (!isDiscrete(mv.supply.item.Uom, discrete)) continue;
    const v = Array.from(mv.buy, (c) => val(c));
    const w = wholeSeries(v, 'up');
    mv.buy.forEach((c, t) => {
      if (c >= 0) delta += cost[c] * (w[t] - v[t]);
    });
  }
  return lpObjective + delta;
}

function scheduleExceptions(pm: PlanModel, placed: Placed, days: Map<string, WorkCenterDays>, rule: Rule): PlanException[] {
  const out: PlanException[] = [];
  const start = pm.buckets.start;
  const closed = [...days.values()].filter((w) => w.workingDays === 0);
  // The work centers lots were placed on, asked only when some has no working day.
  const usedWc = new Set<string>();
  if (closed.length) for (let i = 0; i < placed.n; i++) if (!placed.lot[i].subcontract) usedWc.add(lotWc(placed.lot[i]));
  for (const w of closed)
    out.push({
      type: 'noWorkingDay',
      severity: usedWc.has(w.id) ? 'error' : 'warning',
      subject: w.wc.WorkCenterId,
      date: null,
      message: {
        en: `${w.wc.WorkCenterId}: no working day in the plan horizon (HoursPerDay, DaysPerWeek and Calendar give it no hours): nothing can be scheduled on it`,
        zh: `${w.wc.WorkCenterId}：计划期内没有工作日（每日工时、每周天数及工作日历均无工时）：无法在其上排产`,
      },
    });
  const splitSeen = new Set<string>();
  for (let i = 0; i < placed.n; i++) {
    const lot = placed.lot[i];
    const op = lot.v.op;
    const o = lot.order.order;
    if (!placed.placed[i]) {
      out.push({
        type: 'unscheduled',
        severity: 'error',
        subject: o.OrderId,
        date: null,
        message: { en: `${o.OrderId}: ${op.label} on ${op.op.WorkCenter} finds no working hours within a year of the horizon: it is not scheduled`, zh: `${o.OrderId}：工序 ${op.label}（${op.op.WorkCenter}）在计划期后一年内找不到工作时间：未能排程` },
      });
      continue;
    }
    const n = placed.days[i];
    if (n < 2) continue;
    const w = days.get(lotWc(lot));
    // A lot whose setup alone is longer than its first day: it cannot fit any day, so it is split.
    if (w && lotOp(lot).SetupHours / w.eff > w.open(dayOfStart(placed.stretches[2 * placed.first[i]])) + 1e-9) {
      const k = `${key(op.node.item.ItemId)}|${op.op.OpSeq}`;
      if (splitSeen.has(k)) continue;
      splitSeen.add(k);
      out.push({
        type: 'lotSplit',
        severity: 'info',
        subject: op.node.item.ItemId,
        date: dayAt(start, dayOfStart(placed.start[i])),
        message: {
          en: `${op.node.item.ItemId} operation ${op.op.OpSeq} on ${w.wc.WorkCenterId}: the setup alone (${op.op.SetupHours} h) is longer than a working day, so each lot is split over ${n} days (e.g. ${o.OrderId})`,
          zh: `${op.node.item.ItemId} 工序 ${op.op.OpSeq}（${w.wc.WorkCenterId}）：仅准备工时（${op.op.SetupHours} 小时）就超过一个工作日，每批跨 ${n} 天完成（如 ${o.OrderId}）`,
        },
      });
    }
  }
  if (rule === 'plan') {
    // Lots that ran past the bucket the plan gave them (whole units, setups per lot, sequence).
    const moved = new Map<string, number>();
    for (let i = 0; i < placed.n; i++) {
      const lot = placed.lot[i];
      if (!placed.placed[i] || lot.subcontract || ships(lot)) continue;
      if (!(placed.end[i] > 24 * bucketOffset(pm.buckets, lot.bucket + 1) + 1e-6)) continue;
      const wc = lotWc(lot);
      moved.set(wc, (moved.get(wc) ?? 0) + 1);
    }
    for (const [wc, n] of moved) {
      const id = days.get(wc)?.wc.WorkCenterId ?? wc;
      out.push({
        type: 'movedOn',
        severity: 'info',
        subject: id,
        date: null,
        message: { en: `${id}: ${n} lots end after the planning bucket they were planned in (whole units, a setup per lot and the sequence need more time than the plan's hours)`, zh: `${id}：${n} 个批次在计划时段之后完工（整数数量、每批准备工时及排序所需时间多于计划工时）` },
      });
    }
  }
  return out;
}

/**
 * The plan's result as planners read it, with the schedule's real days (the allocation itself,
 * in buckets, is left as the LP gave it): each order's finish (the day its last
 * operation ends) and days late (finish − due, calendar days), whole pieces in Plan and Materials,
 * late exceptions in the schedule's words, and the schedule's own exceptions.
 */
export function applySchedule(plant: Plant, allocation: PlanResult, s: Schedule): PlanResult {
  const r: PlanResult = JSON.parse(JSON.stringify(allocation)) as PlanResult; // plain rows: a deep copy, the allocation stays as the LP gave it
  const discrete = discreteUoms(plant.settings);
  const itemUom = new Map(plant.Items.map((i) => [key(i.ItemId), i.Uom]));
  const whole = (item: string) => isDiscrete(itemUom.get(key(item)), discrete);
  const sub = new Map<string, string[]>();
  for (let i = 0; i < s.lots.n; i++) {
    const lot = s.lots.lot[i];
    if (!lot.subcontract) continue;
    const id = lot.order.order.OrderId;
    const line = `${lot.v.op.label} × ${rowQuantity(lot, discrete)}`;
    const lines = sub.get(id);
    if (lines) lines.push(line);
    else sub.set(id, [line]);
  }
  // Orders with work in the schedule (placed or not); the others make nothing: all of what they
  // ship comes from stock, on the plan's day, which the schedule leaves as it is.
  const withWork = new Set<string>();
  for (let i = 0; i < s.batches.n; i++) withWork.add(s.batches.lot[i].order.order.OrderId);
  for (const o of r.orders) {
    if (whole(o.item)) {
      o.shortQty = wholeNearest(o.shortQty);
      o.subcontractedQty = wholeNearest(o.subcontractedQty);
    }
    const f = s.orders.get(o.orderId);
    if (!f || o.state === 'notPlanned' || !withWork.has(o.orderId)) continue;
    if (o.subcontracting) o.subcontracting = (sub.get(o.orderId) ?? []).join(', ');
    o.finishDate = f.finishDate;
    o.daysLate = f.daysLate;
    if (o.state !== 'short') o.state = (f.daysLate ?? 0) > 0 ? 'late' : 'onTime';
    if (o.state === 'onTime') o.lateBecause = null;
    else if (!o.lateBecause) o.lateBecause = SEQUENCE_REASON;
  }
  // Late exceptions in real days.
  const late = r.orders
    .filter((o) => o.state === 'late')
    .map((o): PlanException => {
      const why = o.lateBecause ?? SEQUENCE_REASON;
      return {
        type: 'late',
        severity: lateSeverity(o.priority, o.daysLate ?? 0),
        subject: o.orderId,
        date: o.finishDate,
        message: { en: `${o.orderId}: due ${o.dueDate}, finishes ${o.finishDate} — ${days(o.daysLate ?? 0)} late — ${why.en}`, zh: `${o.orderId}：交期 ${o.dueDate}，预计 ${o.finishDate} 完工——延期 ${o.daysLate} 天——${why.zh}` },
      };
    });
  const rest = r.exceptions.filter((e) => e.type !== 'late');
  r.exceptions = [...late, ...rest, ...s.exceptions];
  // Materials in whole pieces: requirements' running totals rounded up (suggested purchases are
  // whole lots already, purchase-suggestions.ts), projected stock recomputed from them, from the
  // same opening stock as the plan's rows (common stock: what is held for orders stays out).
  const byItem = new Map<string, typeof r.materials>();
  for (const m of r.materials) {
    const rows = byItem.get(m.item);
    if (rows) rows.push(m);
    else byItem.set(m.item, [m]);
  }
  for (const [item, rows] of byItem) {
    if (!whole(item)) continue;
    const req = wholeSeries(rows.map((m) => m.requirement), 'up');
    const first = rows[0];
    let onHand = first.projectedOnHand - first.receipts - first.suggestedPurchase + first.requirement;
    rows.forEach((m, t) => {
      m.requirement = req[t];
      onHand += m.receipts + m.suggestedPurchase - req[t];
      m.projectedOnHand = Math.round(onHand * 1e4) / 1e4;
    });
  }
  return r;
}

const SEQUENCE_REASON: Text = {
  en: 'the day-by-day sequence: its work waits on the same work centers behind orders of higher priority or earlier due date',
  zh: '逐日排序所致：其工序在同一工作中心排在优先级更高或交期更早的订单之后',
};

// ---- One order's finish in the plan's dispatch order (the quote's delivery promise) ----

/**
 * The day order `o`'s last operation ends when the solution `values` is dispatched bucket by
 * bucket as the plan allocated it (schedulePlan's "plan" order and release, with its pull-ahead
 * onto idle time), placing only the lots up to o's last one: lots are placed one by one and a
 * later one never moves an earlier one, so the rest cannot change o's finish. A lot with no
 * working time (a Buy item's shipping has no work center) ends when it is ready; days as the
 * schedule's rows give them. Undefined when o has no lot. For the quote's delivery promise, which
 * needs one order's finish in many solutions (a whole schedule each was most of its time).
 */
export function finishInPlanOrder(plant: Plant, pm: PlanModel, values: ArrayLike<number>, o: PlannedOrder): Day | undefined {
  const b = pm.buckets;
  const val = (c: number) => (c >= 0 ? Math.max(0, values[c]) : 0);
  const discrete = discreteUoms(plant.settings);
  const days = workCenterDays(plant, pm, values);
  // Lots of a later bucket than o's last come after all of o's in this order: not made at all.
  const lastBucket = makeLots(pm, values, discrete, days, [o]).reduce((m, l) => Math.max(m, l.bucket), -1);
  if (lastBucket < 0) return undefined;
  const lots = makeLots(pm, values, discrete, days, pm.orders, lastBucket);
  const sorted = sortedBy(lots, dispatchKeys(pm).plan);
  let last = -1;
  sorted.forEach((l, k) => l.order === o && (last = k));
  const placed = sequence(
    {
      pm,
      days,
      materials: materialTimelines(plant, pm, val),
      alternates: alternateCover(pm.substitutions, val),
      own: ownMaterial(pm, val),
      releaseOf: releases(pm).plan,
    },
    sorted.slice(0, last + 1),
  );
  let end = -1;
  for (let i = 0; i < placed.n; i++) {
    if (placed.lot[i].order === o && placed.lot[i].v === o.last) end = Math.max(end, endDayOf(placed.start[i], placed.end[i]));
  }
  return end < 0 ? undefined : dayAt(b.start, end);
}
