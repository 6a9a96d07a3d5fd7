// Validated plant → the capacity-allocation LP of docs/design.md §3, solver-neutral, with readable
// names (x_SO1101_ASSY10_t3). Only variables that can be non-zero are made: no work before an
// order's release bucket, before its materials can be there, or after the last bucket its output
// can still be used in; no in-house work in a bucket where the work center has no hours; no
// subcontracting whose units would come back after the horizon. Each row touches each variable
// once (flow and stock are carried by WIP and inventory variables rather than cumulative sums), so
// building is linear in the model's size. (Measured on a generated 300 orders × 10 work centers ×
// 26 weeks: cumulative flow rows instead of WIP variables gave 41 % fewer columns but 3.7× the
// nonzeros, and both HiGHS's simplex and its interior point ran slower.)
//
// Variables (all ≥ 0):
//   x_O_OP_tT    units of operation OP of order O done in-house in bucket T
//   y_O_OP_tT    units of OP sent to a subcontractor in bucket T, back SubcontractLeadDays later
//   w_O_OP_tT    units waiting before OP at the end of bucket T (w_O_OP_from_COMP… for a component)
//   short_O      units of O not finished within the horizon
//   ot_WC_tT     overtime hours of work center WC in bucket T
//   buy_M_tT     extra units of Buy item M arriving in bucket T (ordered a lead time before)
//   inv_M_tT     usable stock of M (above safety stock) at the end of bucket T
//   xw_O_OP_WC_tT  units of OP done on alternative work center WC (alternate-centers.ts)
//   sub_O_ALT_tT units of a part of O whose Buy component is replaced by its alternate ALT (alternates.ts)
// Rows:
//   wip_…        w(t) = w(t−1) + done by the previous operation(t) − ratio × started here(t)
//   done_O       Σ finished + short = Quantity
//   cap_WC_tT    Σ hours × x − ot ≤ regular hours
//   stock_M_tT   inv(t) = inv(t−1) + usable receipts(t) + buy(t) − Σ ratio × started(t)
//   alt_…        Σ alternates of a component ≤ units of the part started (alternates.ts)
//   split_…      x = Σ xw: an operation's in-house units split over its alternative work centers
//   dstock_, dcap_  material bought for one order, usable by it alone (dedicated.ts)
import { ordersWithActuals, remainingWork, reserveIssued, startingWip, type Remaining } from '../actuals/remaining';
import type { Day } from '../dates';
import type { Item, Order, Plant } from '../domain';
import { LpBuilder, type LpModel } from '../lp/model';
import { arrivalBucket, bucketIndex, bucketsOf, daysBetweenBuckets, type Buckets, type Phasing } from './buckets';
import { key, workCenterCapacity, type WorkCenterCapacity } from './capacity';
import { finishCost, MIN_OVERTIME_COST, priorityWeight, purchaseCost, shortCost, WIP_PER_UNIT_BUCKET } from './costs';
import { explodeOrder, nodesOf, type PartNode, type PlanOp, type WorkCenterChoice } from './network';
import { flowLags } from './flow-lag';
import { ALTERNATE_CENTER_COST } from './alternate-centers';
import { plantNetwork } from '../network';
import { addShipStep, netMakeStock, SHIP_WC } from './stock';
import { dedicatedPools, DEDICATED_HOLDING_COST, type DedicatedPool } from './dedicated';
import { alternatesFor, firstWithAlternates, type AlternateOption, type Substitution } from './alternates';
import { materialSupply, type MaterialSupply } from './supply';
import { days } from '../plural';

export interface PlanOptions {
  /** plan Draft orders too (what-if) */
  includeDrafts?: boolean;
  /** time-phased buckets: fine first, coarser later (see buckets.ts) */
  phasing?: Phasing;
  /**
   * Hypothetical orders (a quote line, a rush order) planned beside the firm ones: each sees the
   * stock the firm orders leave, none reserves anything for another (what-if.ts switches them on
   * one at a time).
   */
  whatIf?: Order[];
  /** stop building (TooManyColumnsError) past this many columns: a too-large plan is refused early */
  maxColumns?: number;
}

export const PLANNED_STATUSES = ['Approved', 'InProduction'] as const;

/** One operation of one order with its columns (−1 where a bucket has none). */
export interface OpVars {
  op: PlanOp;
  /** subcontract lead in buckets from the first bucket (with equal buckets, from any bucket) */
  lead: number;
  /** the bucket units sent out in bucket t come back in (−1 when not subcontractable) */
  arrival: Int32Array;
  /** first bucket units may start here; first bucket its output can exist */
  earliestStart: number;
  earliestDone: number;
  x: Int32Array;
  y: Int32Array;
  /** buckets units handed to this operation wait before it may start them (flow-lag.ts) */
  flowLag: number;
  /** with alternative work centers (op.centers): the units on each, per bucket (−1 none); x is their sum */
  xw?: { center: WorkCenterChoice; cols: Int32Array }[];
}

/** Why an order is in the plan without any work planned for it. */
export interface Blocked {
  en: string;
  zh: string;
  /** drives the exception type */
  kind: 'cannotStart' | 'cannotFinish';
}

export interface PlannedOrder {
  index: number;
  order: Order;
  weight: number;
  release: Day;
  releaseBucket: number;
  dueBucket: number;
  root: PartNode;
  ops: OpVars[];
  /** the root's last operation: its output is the order's finished units */
  last?: OpVars;
  /** earliest bucket the order could finish with unlimited capacity */
  earliestFinish: number;
  short: number; // column, −1 when blocked
  /** the done_ row (finished + short = Quantity − fromStock), −1 when blocked */
  doneRow: number;
  /** an InProduction order's reported progress: `order.Quantity` is then what is left to finish */
  remaining?: Remaining;
  /** units of the finished item taken from stock (Make items; stock.ts) */
  fromStock: number;
  /** Make components taken from stock for this order */
  componentsFromStock: { item: string; quantity: number }[];
  /** a what-if order (PlanOptions.whatIf), not a firm one */
  hypothetical?: boolean;
  blocked?: Blocked;
}

/** An order left out of the model, with the reason. */
export interface SkippedOrder {
  order: Order;
  kind: 'cannotStart' | 'beyondHorizon';
  en: string;
  zh: string;
}

export interface MaterialVars {
  supply: MaterialSupply;
  inv: Int32Array;
  buy: Int32Array;
  rows: Int32Array;
}

export interface PlanModel {
  lp: LpModel;
  buckets: Buckets;
  latePenalty: number;
  orders: PlannedOrder[];
  skipped: SkippedOrder[];
  capacity: Map<string, WorkCenterCapacity>;
  /** per work center (lower-case id): capacity row and overtime column per bucket, −1 if none */
  capRows: Map<string, Int32Array>;
  otCols: Map<string, Int32Array>;
  /** per Buy item used (lower-case id) */
  materials: Map<string, MaterialVars>;
  /** order index of each column (−1 for work-center and material columns) */
  colOrder: Int32Array;
  /** every wip_ row with its own WIP column (the one it defines), in the order they were made */
  wipRows: Int32Array;
  wipCols: Int32Array;
  /** alternate components the LP may use (alternates.ts); column generation does not know them */
  substitutions: Substitution[];
  /** material bought for one order (dedicated.ts), per Buy item (lower-case id); with its order when planned */
  dedicated: Map<string, (DedicatedPool & { planned?: PlannedOrder })[]>;
}

const tidy = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '') || '_';
const filled = (n: number) => new Int32Array(n).fill(-1);

export function buildPlanModel(plant: Plant, opts: PlanOptions = {}): PlanModel {
  const b = bucketsOf(plant.settings, opts.phasing);
  const T = b.count;
  const latePenalty = plant.settings.LatePenaltyPerUnitDay;
  const idx = plantNetwork(plant);
  const capacity = workCenterCapacity(plant, b);
  const lp = new LpBuilder(opts.maxColumns);
  const colOrder: number[] = [];
  const wipRows: number[] = [];
  const wipCols: number[] = [];
  const addVar = (name: string, cost: number, upper: number, order: number, bucket = -1) => {
    colOrder.push(order);
    return lp.addVar(name, cost, upper, bucket);
  };

  // In-house work is possible in a bucket only if the work center has hours or overtime there.
  const canWork = (wc: string, t: number) => {
    if (wc === SHIP_WC) return true; // a Buy item's ship step needs no hours
    const c = capacity.get(wc);
    return c !== undefined && (c.hours[t] > 0 || c.overtimeMax[t] > 0);
  };
  const canWorkOp = (op: PlanOp, t: number) => (op.centers ? op.centers.some((c) => canWork(c.wc, t)) : canWork(op.wc, t));
  // InProduction orders are planned for what is left; material issued to them and not yet used
  // covers their own need first (reserveIssued) and is no stock for other orders.
  const started = new Map<Order, Remaining>();
  const reported = ordersWithActuals(plant);
  for (const order of plant.Orders) {
    const rem = order.Status === 'InProduction' && reported.has(order.OrderId.toLowerCase()) ? remainingWork(plant, order) : undefined;
    if (rem) started.set(order, rem);
  }
  const supplies = new Map<string, MaterialSupply>();
  const supplyOf = (item: Item) => {
    let s = supplies.get(key(item.ItemId));
    if (!s) {
      supplies.set(key(item.ItemId), (s = materialSupply(item, plant, b, grossNeed.get(key(item.ItemId)) ?? 0)));
    }
    return s;
  };

  // Loads and material uses collected while columns are made; rows are written afterwards.
  const substitutions: Substitution[] = [];
  const dedicated: PlanModel['dedicated'] = dedicatedPools(plant, b);
  /** First bucket an order's own (dedicated) material of an item is there, else Infinity. */
  const ownFirst = (o: PlannedOrder, item: Item): number => {
    const pool = dedicated.get(key(item.ItemId))?.find((p) => key(p.order) === key(o.order.OrderId));
    if (!pool) return Infinity;
    if (pool.onHand > 0) return 0;
    const t = pool.receipts.findIndex((q) => q > 0);
    return t < 0 ? Infinity : t;
  };
  const altCache = new Map<PartNode, Map<Item, AlternateOption[]>>();
  const altsOf = (n: PartNode, primary: Item): AlternateOption[] => {
    let m = altCache.get(n);
    if (!m) altCache.set(n, (m = new Map()));
    let a = m.get(primary);
    if (!a) m.set(primary, (a = alternatesFor(idx, b, n.item, primary)));
    return a;
  };
  const loads = new Map<string, { cols: number[]; hours: number[] }[]>();
  const uses = new Map<string, { cols: number[]; ratio: number[] }[]>();
  const loadAt = (wc: string, t: number) => {
    if (!loads.has(wc)) loads.set(wc, Array.from({ length: T }, () => ({ cols: [], hours: [] })));
    return loads.get(wc)![t];
  };
  const useAt = (m: string, t: number) => {
    if (!uses.has(m)) uses.set(m, Array.from({ length: T }, () => ({ cols: [], ratio: [] })));
    return uses.get(m)![t];
  };

  const planned = new Set<string>(opts.includeDrafts ? [...PLANNED_STATUSES, 'Draft'] : PLANNED_STATUSES);
  const orders: PlannedOrder[] = [];
  const skipped: SkippedOrder[] = [];

  const whatIf = new Set(opts.whatIf ?? []);
  for (const entered of [...plant.Orders, ...whatIf]) {
    if (!planned.has(entered.Status) && !whatIf.has(entered)) continue;
    const remaining = started.get(entered);
    const order = remaining ? { ...entered, Quantity: entered.Quantity - remaining.finished } : entered;
    if (order.Quantity <= 0) continue; // every unit reported finished: nothing left to plan
    const release = order.ReleaseDate !== undefined && order.ReleaseDate > b.start ? order.ReleaseDate : b.start;
    const releaseBucket = Math.max(0, bucketIndex(b, release));
    const dueBucket = bucketIndex(b, order.DueDate);
    if (releaseBucket >= T) {
      skipped.push({
        order,
        kind: 'cannotStart',
        en: `released on ${release}, after the plan horizon: it cannot start in this plan`,
        zh: `投产日期 ${release} 在计划期之后：本计划内无法开工`,
      });
      continue;
    }
    // Due after the horizon: with lateness priced only past the due date, the plan would put its
    // work after the horizon anyway (just in time), so it is left for a later run.
    if (dueBucket >= T) {
      skipped.push({
        order,
        kind: 'beyondHorizon',
        en: `due ${order.DueDate}, after the plan horizon: planned in a later run`,
        zh: `交期 ${order.DueDate} 在计划期之后：留待以后的计划`,
      });
      continue;
    }
    // BOM effectivity is judged on the order's own release date, even one before PlanStart
    // (an order in production was built to the BOM of its release).
    const root = explodeOrder(order, order.ReleaseDate ?? b.start, idx);
    if (!root) continue; // unknown item: validation reports it
    if (remaining) reserveIssued(plant, entered, root, remaining);
    if (root.item.Type === 'Buy' && root.ops.length === 0) addShipStep(root);
    const o: PlannedOrder = {
      index: orders.length,
      order,
      weight: priorityWeight(order.Priority),
      release,
      releaseBucket,
      dueBucket,
      root,
      ops: [],
      earliestFinish: Infinity,
      short: -1,
      doneRow: -1,
      remaining,
      fromStock: 0,
      componentsFromStock: [],
      ...(whatIf.has(entered) ? { hypothetical: true } : {}),
    };
    orders.push(o);
  }
  netMakeStock(plant, orders);
  // Every order is exploded before any column is made: a purchase is priced for its lot, the
  // plan's whole need of the item (the MinOrderQty tiers of the quote).
  const grossNeed = new Map<string, number>();
  for (const o of orders) for (const n of nodesOf(o.root)) for (const bc of n.buyChildren) grossNeed.set(key(bc.item.ItemId), (grossNeed.get(key(bc.item.ItemId)) ?? 0) + n.qty * bc.ratio);
  for (const o of orders) addOrderColumns(o);
  for (const pools of dedicated.values())
    for (const pool of pools) pool.planned = orders.find((o) => !o.hypothetical && key(o.order.OrderId) === key(pool.order));

  function addOrderColumns(o: PlannedOrder) {
    const toMake = o.order.Quantity - o.fromStock;
    if (toMake <= 1e-9 * Math.max(1, o.order.Quantity)) return; // ships from stock
    const nodes = nodesOf(o.root);
    if (o.root.ops.length === 0) {
      const id = o.root.item.ItemId;
      o.blocked = { kind: 'cannotFinish', en: `item ${id} has no routing: nothing to plan`, zh: `物料 ${id} 没有工艺路线：无法排产` };
      return;
    }
    const vars = new Map<PlanOp, OpVars>();
    // Buckets the hand-over into each operation waits for the flow behind it (flow-lag.ts).
    const lags = flowLags(o.root, capacity, b);
    const lagOf = (op: PlanOp) => lags.get(op) ?? 0;
    // Forward pass, children before parents: the first bucket each operation can start and finish.
    const forward = (n: PartNode): number => {
      let ready = o.releaseBucket;
      for (const bc of n.buyChildren) ready = Math.max(ready, firstWithAlternates(Math.min(supplyOf(bc.item).firstAvailable, ownFirst(o, bc.item)), altsOf(n, bc.item), (i) => Math.min(supplyOf(i).firstAvailable, ownFirst(o, i))));
      for (const c of n.makeChildren) ready = Math.max(ready, forward(c.node));
      for (const [k, op] of n.ops.entries()) {
        // Units already waiting in front of an operation can start at release.
        const prev = k > 0 ? vars.get(n.ops[k - 1]) : undefined;
        if (o.remaining && prev && startingWip(o.remaining, prev.op, op, 1).initial > 0) ready = o.releaseBucket;
        else ready += lagOf(op);
        const arrival = filled(T);
        if (op.subcontract) for (let t = 0; t < T; t++) arrival[t] = arrivalBucket(b, t, op.op.SubcontractLeadDays);
        const lead = op.subcontract ? arrival[0] : 0;
        let firstX = Infinity;
        for (let t = ready; t < T; t++) if (canWorkOp(op, t)) { firstX = t; break; }
        const done = Math.min(firstX, op.subcontract && ready < T ? arrival[ready] : Infinity);
        vars.set(op, { op, lead, arrival, earliestStart: ready, earliestDone: done, x: filled(T), y: filled(T), flowLag: lagOf(op) });
        ready = done;
      }
      return ready;
    };
    o.earliestFinish = forward(o.root);
    o.last = vars.get(o.root.ops[o.root.ops.length - 1]);
    if (o.earliestFinish >= T) {
      o.blocked = blockedReason(o, nodes);
      return;
    }
    // A unit left short costs `unmade`; finishing one in a bucket where lateness alone costs at
    // least that is never better (it would also take capacity and material), so such buckets get
    // no columns. This trims only when Settings give a ShortPenaltyPerUnit below the lateness; the
    // default short cost is above any lateness within the horizon.
    const makeCost = nodes.reduce(
      (s, n) =>
        s +
        n.perOrderUnit *
          (n.ops.reduce((a, op) => a + Math.max(op.subcontract ? op.op.SubcontractCostPerUnit! : 0, op.hoursPerUnit * Math.max(MIN_OVERTIME_COST, capacity.get(op.wc)?.wc.OvertimeRate ?? 0)), 0) +
            n.buyChildren.reduce((a, bc) => a + bc.ratio * purchaseCost(supplyOf(bc.item).unitPrice, 0, T), 0)),
      0,
    );
    const unmade = shortCost(
      { weight: o.weight, makeCostPerUnit: makeCost, daysToAfterHorizon: daysBetweenBuckets(b, o.dueBucket, T + 1) },
      { latePenalty, shortPenalty: plant.settings.ShortPenaltyPerUnit, bucketDays: b.days },
    );
    // Backward pass, parents before children: the last bucket each operation's output is still
    // of use (`need`), and the columns in between.
    const oid = tidy(o.order.OrderId);
    const backward = (n: PartNode, need: number) => {
      for (let k = n.ops.length - 1; k >= 0; k--) {
        const v = vars.get(n.ops[k])!;
        const last = v.op === o.last!.op;
        const xName = `x_${oid}_${v.op.label}`;
        const yName = `y_${oid}_${v.op.label}`;
        let latestStart = -1;
        for (let t = v.earliestStart; t <= need; t++) {
          if (!canWorkOp(v.op, t)) continue;
          const cost = last ? finishCost(o.weight, latePenalty, daysBetweenBuckets(b, o.dueBucket, t), t, o.dueBucket) : 0;
          if (cost >= unmade) continue;
          v.x[t] = addVar(xName, cost, n.qty, o.index, t);
          if (v.op.centers) splitOverCenters(v, oid, n.qty, t);
          else {
            const l = loadAt(v.op.wc, t);
            l.cols.push(v.x[t]);
            l.hours.push(v.op.hoursPerUnit);
          }
          latestStart = t;
        }
        if (v.op.subcontract) {
          for (let t = v.earliestStart; t <= need && v.arrival[t] <= need; t++) {
            const back = v.arrival[t];
            const cost = v.op.op.SubcontractCostPerUnit! + (last ? finishCost(o.weight, latePenalty, daysBetweenBuckets(b, o.dueBucket, back), back, o.dueBucket) : 0);
            if (last && cost >= unmade) continue;
            v.y[t] = addVar(yName, cost, n.qty, o.index, t);
            latestStart = Math.max(latestStart, t);
          }
        }
        need = latestStart - lagOf(v.op);
        o.ops.push(v);
      }
      for (const c of n.makeChildren) backward(c.node, need);
    };
    backward(o.root, T - 1);
    o.ops.reverse(); // components first, the finished item's last operation at the end

    // Material drawn when a node's first operation starts (in-house or sent out).
    for (const n of nodes) {
      const first = vars.get(n.ops[0]);
      if (!first) continue;
      for (const bc of n.buyChildren) {
        const m = key(bc.item.ItemId);
        for (let t = 0; t < T; t++) {
          if (first.x[t] < 0 && first.y[t] < 0) continue;
          const u = useAt(m, t);
          if (first.x[t] >= 0) u.cols.push(first.x[t]), u.ratio.push(bc.ratio);
          if (first.y[t] >= 0) u.cols.push(first.y[t]), u.ratio.push(bc.ratio);
        }
        addSubstitutions(o, n, first, bc);
      }
    }

    // Flow: WIP between consecutive operations, and from each component's last operation.
    const doneBy = new Map<OpVars, number[][]>();
    const done = (v: OpVars, t: number): number[] => {
      let lists = doneBy.get(v);
      if (!lists) {
        lists = Array.from({ length: T }, (_, u) => (v.x[u] >= 0 ? [v.x[u]] : []));
        for (let u = 0; u < T; u++) if (v.y[u] >= 0) lists[v.arrival[u]].push(v.y[u]);
        doneBy.set(v, lists);
      }
      return lists[t];
    };
    const link = (from: OpVars, to: OpVars, ratio: number, perOrderUnit: number, name: string) => {
      const lag = lagOf(to.op);
      const doneFor = (t: number) => (t - lag >= 0 ? done(from, t - lag) : []);
      const wName = `w_${name}`;
      const wipName = `wip_${name}`;
      // Rows from the first bucket anything arrives or starts to the last one anything starts.
      let first = T;
      let lastStart = -1;
      for (let t = 0; t < T; t++) {
        const starts = to.x[t] >= 0 || to.y[t] >= 0;
        if ((starts || doneFor(t).length) && first === T) first = t;
        if (starts) lastStart = t;
      }
      // Units in front of `to` when the plan starts, and those coming back from subcontractors.
      const wip0 = new Float64Array(T);
      if (o.remaining && lastStart >= first) {
        const s = startingWip(o.remaining, from.op, to.op, ratio);
        wip0[first] += s.initial;
        for (const r of s.returns) wip0[Math.min(lastStart, Math.max(first, bucketIndex(b, r.day)))] += r.qty;
      }
      let prev = -1;
      for (let t = first; t <= lastStart; t++) {
        const w = addVar(wName, WIP_PER_UNIT_BUCKET / perOrderUnit, Infinity, o.index, t);
        const cols = [w];
        const coef = [1];
        if (prev >= 0) cols.push(prev), coef.push(-1);
        for (const c of doneFor(t)) cols.push(c), coef.push(-1);
        if (to.x[t] >= 0) cols.push(to.x[t]), coef.push(ratio);
        if (to.y[t] >= 0) cols.push(to.y[t]), coef.push(ratio);
        wipRows.push(lp.addRow(wipName, cols, coef, wip0[t], wip0[t], t));
        wipCols.push(w);
        prev = w;
      }
    };
    for (const n of nodes) {
      for (let k = 1; k < n.ops.length; k++) {
        const to = vars.get(n.ops[k])!;
        link(vars.get(n.ops[k - 1])!, to, 1, n.perOrderUnit, `${oid}_${to.op.label}`);
      }
      for (const c of n.makeChildren) {
        const from = vars.get(c.node.ops[c.node.ops.length - 1])!;
        const to = vars.get(n.ops[0])!;
        link(from, to, c.ratio, c.node.perOrderUnit, `${oid}_${to.op.label}_from_${tidy(c.node.item.ItemId)}${c.node.tag}`);
      }
    }

    // Completion: finished units plus short units make the quantity.
    o.short = addVar(`short_${oid}`, unmade, toMake, o.index);
    const fin = [o.short];
    for (let t = 0; t < T; t++) fin.push(...done(o.last!, t));
    o.doneRow = lp.addRow(`done_${oid}`, fin, fin.map(() => 1), toMake, toMake);
  }

  /** xw_ columns of an operation with alternative work centers in bucket t, each loading its own center, and x = Σ xw. */
  function splitOverCenters(v: OpVars, oid: string, qty: number, t: number) {
    v.xw ??= v.op.centers!.map((center) => ({ center, cols: filled(T) }));
    const cols = [v.x[t]];
    const coef = [1];
    for (const w of v.xw) {
      if (!canWork(w.center.wc, t)) continue;
      w.cols[t] = addVar(`xw_${oid}_${v.op.label}_${tidy(w.center.op.WorkCenter)}`, ALTERNATE_CENTER_COST * w.center.rank, qty, v.x[t] >= 0 ? colOrder[v.x[t]] : -1, t);
      const l = loadAt(w.center.wc, t);
      l.cols.push(w.cols[t]);
      l.hours.push(w.center.hoursPerUnit);
      cols.push(w.cols[t]), coef.push(-1);
    }
    lp.addRow(`split_${oid}_${v.op.label}`, cols, coef, 0, 0, t);
  }

  /** sub_ columns and the alt_ rows of one Buy component of one part (alternates.ts). */
  function addSubstitutions(o: PlannedOrder, n: PartNode, first: OpVars, bc: { item: Item; ratio: number }) {
    const alts = altsOf(n, bc.item);
    if (alts.length === 0) return;
    const oid = tidy(o.order.OrderId);
    const p = key(bc.item.ItemId);
    const cost = bc.ratio * (plant.settings.SubstitutionCost + purchaseCost(supplyOf(bc.item).unitPrice, 0, T));
    const subs = alts.map((alt) => {
      supplyOf(alt.item);
      const sub: Substitution = { order: o.index, node: n, primary: bc.item, primaryRatio: bc.ratio, alt, cols: filled(T) };
      substitutions.push(sub);
      return sub;
    });
    for (let t = 0; t < T; t++) {
      if (first.x[t] < 0 && first.y[t] < 0) continue;
      const cols: number[] = [];
      const coef: number[] = [];
      for (const sub of subs) {
        if (!sub.alt.valid[t]) continue;
        sub.cols[t] = addVar(`sub_${oid}_${tidy(n.item.ItemId)}${n.tag}_${tidy(sub.alt.item.ItemId)}`, cost, n.qty, o.index, t);
        // Gives the primary back, takes the alternate.
        const up = useAt(p, t);
        up.cols.push(sub.cols[t]), up.ratio.push(-bc.ratio);
        const ua = useAt(key(sub.alt.item.ItemId), t);
        ua.cols.push(sub.cols[t]), ua.ratio.push(sub.alt.ratio);
        cols.push(sub.cols[t]), coef.push(1);
      }
      if (cols.length === 0) continue;
      if (first.x[t] >= 0) cols.push(first.x[t]), coef.push(-1);
      if (first.y[t] >= 0) cols.push(first.y[t]), coef.push(-1);
      lp.addRow(`alt_${oid}_${tidy(n.item.ItemId)}${n.tag}_${tidy(bc.item.ItemId)}`, cols, coef, -Infinity, 0, t);
    }
  }

  /** Why an order cannot finish within the horizon even with unlimited capacity. */
  function blockedReason(o: PlannedOrder, nodes: PartNode[]): Blocked {
    for (const n of nodes)
      for (const bc of n.buyChildren) {
        const s = supplyOf(bc.item);
        if (s.firstAvailable >= T)
          return {
            kind: 'cannotFinish',
            en: `material ${bc.item.ItemId} cannot arrive within the horizon (no usable stock or open PO; purchase lead time ${days(s.leadDays)})`,
            zh: `物料 ${bc.item.ItemId} 在计划期内无法到货（无可用库存或在途采购，采购提前期 ${s.leadDays} 天）`,
          };
      }
    return {
      kind: 'cannotFinish',
      en: `cannot be finished within the horizon even with free capacity (release ${o.release}, lead times and work-center calendars)`,
      zh: `即使产能充足也无法在计划期内完工（投产日期 ${o.release}、提前期及工作日历所限）`,
    };
  }

  // Capacity: one row per work center and bucket that has any in-house work, with overtime.
  const capRows = new Map<string, Int32Array>();
  const otCols = new Map<string, Int32Array>();
  for (const [wc, c] of capacity) {
    const rows = filled(T);
    const ots = filled(T);
    capRows.set(wc, rows);
    otCols.set(wc, ots);
    const l = loads.get(wc);
    if (!l) continue;
    for (let t = 0; t < T; t++) {
      if (l[t].cols.length === 0) continue;
      const name = tidy(c.wc.WorkCenterId);
      const cols = l[t].cols.slice();
      const coef = l[t].hours.slice();
      if (c.overtimeMax[t] > 0) {
        ots[t] = addVar(`ot_${name}`, Math.max(MIN_OVERTIME_COST, c.wc.OvertimeRate), c.overtimeMax[t], -1, t);
        cols.push(ots[t]);
        coef.push(-1);
      }
      rows[t] = lp.addRow(`cap_${name}`, cols, coef, -Infinity, c.hours[t], t);
    }
  }

  // Materials: stock balance per Buy item used, per bucket.
  const materials = new Map<string, MaterialVars>();
  for (const [m, u] of uses) {
    const s = supplies.get(m)!;
    const name = tidy(s.item.ItemId);
    const mv: MaterialVars = { supply: s, inv: filled(T), buy: filled(T), rows: filled(T) };
    materials.set(m, mv);
    const pools = (dedicated.get(m) ?? []).filter((p) => p.planned);
    for (let t = 0; t < T; t++) {
      mv.inv[t] = addVar(`inv_${name}`, 0, Infinity, -1, t);
      if (t >= s.leadBucket) mv.buy[t] = addVar(`buy_${name}`, purchaseCost(s.unitPrice, t, T), Infinity, -1, t);
      const cols = [mv.inv[t], ...u[t].cols];
      const coef = [1, ...u[t].ratio];
      for (const pool of pools) {
        const o = pool.planned!;
        const own = u[t].cols.flatMap((c, i) => (colOrder[c] === o.index ? [i] : []));
        if (own.length === 0) continue;
        const oname = `${name}_${tidy(o.order.OrderId)}`;
        pool.draw[t] = addVar(`ded_${oname}`, 0, Infinity, o.index, t);
        cols.push(pool.draw[t]), coef.push(-1);
        lp.addRow(`dcap_${oname}`, [pool.draw[t], ...own.map((i) => u[t].cols[i])], [1, ...own.map((i) => -u[t].ratio[i])], -Infinity, 0, t);
      }
      if (t > 0) cols.push(mv.inv[t - 1]), coef.push(-1);
      if (mv.buy[t] >= 0) cols.push(mv.buy[t]), coef.push(-1);
      const rhs = s.usableReceipts[t] + (t === 0 ? s.usable : 0);
      mv.rows[t] = lp.addRow(`stock_${name}`, cols, coef, rhs, rhs, t);
    }
    // Each order's pool: what it holds, receives and draws.
    for (const pool of pools) {
      if (!pool.draw.some((c) => c >= 0)) continue;
      const oname = `${name}_${tidy(pool.planned!.order.OrderId)}`;
      for (let t = 0; t < T; t++) {
        pool.inv[t] = addVar(`dinv_${oname}`, DEDICATED_HOLDING_COST, Infinity, -1, t);
        const cols = [pool.inv[t]];
        const coef = [1];
        if (t > 0) cols.push(pool.inv[t - 1]), coef.push(-1);
        if (pool.draw[t] >= 0) cols.push(pool.draw[t]), coef.push(1);
        const rhs = pool.receipts[t] + (t === 0 ? pool.onHand : 0);
        lp.addRow(`dstock_${oname}`, cols, coef, rhs, rhs, t);
      }
    }
  }

  return { lp: lp.build(), buckets: b, latePenalty, orders, skipped, capacity, capRows, otCols, materials, colOrder: Int32Array.from(colOrder), wipRows: Int32Array.from(wipRows), wipCols: Int32Array.from(wipCols), substitutions, dedicated };
}
