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
import { ordersWithActuals, remainingWork, reserveIssued, type Remaining } from '../actuals/remaining';
import type { Day } from '../dates';
import type { Order, Plant } from '../domain';
import type { LpModel } from '../lp/model';
import { bucketIndex, bucketsOf, type Buckets, type Phasing } from './buckets';
import { key, type WorkCenterCapacity } from './capacity';
import { priorityWeight } from './costs';
import { explodeOrder, nodesOf, type PartNode, type PlanOp, type WorkCenterChoice } from './network';
import { flowLags } from './flow-lag';
import { addShipStep, netMakeStock } from './stock';
import type { DedicatedPool } from './dedicated';
import type { Substitution } from './alternates';
import type { MaterialSupply } from './supply';
import { ModelContext } from './model-context';
import { addMaterialUses, addWorkColumns, blockedReason, forwardPass, unmadeCost } from './order-columns';
import { addDoneRow, addWipRows, doneIn } from './order-flow';
import { addCapacityRows, addStockRows } from './resource-rows';

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

/**
 * The plan LP, step by step: the orders to plan and what is left of them; each order's columns
 * (order-columns.ts) and flow rows (order-flow.ts); then the rows of the resources they share,
 * capacity and stock (resource-rows.ts).
 */
export function buildPlanModel(plant: Plant, opts: PlanOptions = {}): PlanModel {
  const b = bucketsOf(plant.settings, opts.phasing);
  const ctx = new ModelContext(plant, b, opts.maxColumns);
  const { orders, skipped } = planOrders(ctx, opts);
  netMakeStock(plant, orders);
  // Every order is exploded before any column is made: a purchase is priced for its lot, the
  // plan's whole need of the item (the MinOrderQty tiers of the quote).
  const grossNeed = ctx.grossNeed;
  for (const o of orders) for (const n of nodesOf(o.root)) for (const bc of n.buyChildren) grossNeed.set(key(bc.item.ItemId), (grossNeed.get(key(bc.item.ItemId)) ?? 0) + n.qty * bc.ratio);
  reserveRoom(ctx, orders);
  for (const o of orders) addOrderColumns(ctx, o);
  for (const pools of ctx.dedicated.values())
    for (const pool of pools) pool.planned = orders.find((o) => !o.hypothetical && key(o.order.OrderId) === key(pool.order));
  const { capRows, otCols } = addCapacityRows(ctx);
  const materials = addStockRows(ctx);
  return {
    lp: ctx.lp.build(),
    buckets: b,
    latePenalty: ctx.latePenalty,
    orders,
    skipped,
    capacity: ctx.capacity,
    capRows,
    otCols,
    materials,
    colOrder: ctx.colOrder.subarray(0, ctx.lp.columns),
    wipRows: ctx.wipRows.slice(0, ctx.wipCount),
    wipCols: ctx.wipCols.slice(0, ctx.wipCount),
    substitutions: ctx.substitutions,
    dedicated: ctx.dedicated,
  };
}

/**
 * InProduction orders with reported work are planned for what is left; material issued to them
 * and not yet used covers their own need first (reserveIssued) and is no stock for other orders.
 */
function startedOrders(plant: Plant): Map<Order, Remaining> {
  const started = new Map<Order, Remaining>();
  const reported = ordersWithActuals(plant);
  for (const order of plant.Orders) {
    const rem = order.Status === 'InProduction' && reported.has(order.OrderId.toLowerCase()) ? remainingWork(plant, order) : undefined;
    if (rem) started.set(order, rem);
  }
  return started;
}

/** The orders to plan (firm, drafts if asked, what-ifs), exploded, with those that cannot be and why. */
function planOrders(ctx: ModelContext, opts: PlanOptions): { orders: PlannedOrder[]; skipped: SkippedOrder[] } {
  const { plant, b, T, idx } = ctx;
  const started = startedOrders(plant);
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
  return { orders, skipped };
}

/** One order's columns and rows: forward pass, backward pass, material, WIP and done rows. */
function addOrderColumns(ctx: ModelContext, o: PlannedOrder) {
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
  const lags = flowLags(o.root, ctx.capacity, ctx.b);
  const lagOf = (op: PlanOp) => lags.get(op) ?? 0;
  o.earliestFinish = forwardPass(ctx, o, vars, lagOf);
  o.last = vars.get(o.root.ops[o.root.ops.length - 1]);
  if (o.earliestFinish >= ctx.T) {
    o.blocked = blockedReason(ctx, o, nodes);
    return;
  }
  const unmade = unmadeCost(ctx, o, nodes);
  addWorkColumns(ctx, o, vars, lagOf, unmade);
  o.ops.reverse(); // components first, the finished item's last operation at the end
  addMaterialUses(ctx, o, nodes, vars);
  const done = doneIn(ctx.T);
  addWipRows(ctx, o, nodes, vars, lagOf, done);
  addDoneRow(ctx, o, toMake, unmade, done);
}

/**
 * Room in the LP for the model about to be built, from each operation's buckets after its order's
 * release: an in-house, a subcontract and a WIP column each, a row for every two columns, three
 * entries a column (measured: 0.4 rows and 2.7 entries a column). A short estimate only means
 * growing later; room never written costs no memory (see LpBuilder.reserve).
 */
function reserveRoom(ctx: ModelContext, orders: PlannedOrder[]) {
  let cols = 0;
  for (const o of orders) for (const n of nodesOf(o.root)) for (const op of n.ops) cols += (ctx.T - o.releaseBucket) * (op.subcontract ? 3 : 2) * (op.centers ? op.centers.length + 1 : 1);
  cols += (ctx.capacity.size + ctx.grossNeed.size * 2) * ctx.T;
  ctx.reserve(cols, cols / 2, 3 * cols);
}
