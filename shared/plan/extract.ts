// A solved plan LP → what planners read (docs/design.md §3): per order finish date, days late,
// subcontracted and short quantities and why; per work center and bucket the load; per Buy item
// and bucket the projected stock and suggested purchases split over approved suppliers;
// and the exceptions worth acting on.
//
// Due-date rule: finishing in the bucket that contains the due date is on time; finishDate is the
// last day of the bucket the last unit finishes in; daysLate = (finish bucket − due bucket) × BucketDays
// (with time-phased buckets: the days between the two buckets' first days).
import { addDays, daysBetween, type Day } from '../dates';
import type { Item } from '../domain';
import { bucketEnd, bucketStart, daysBetweenBuckets } from './buckets';
import type { PlanModel, PlannedOrder } from './build-model';
import { explainLate, planState, type PlanState, type Text } from './explain';
import { nodesOf } from './network';
import { purchaseLots } from './purchase-suggestions';
import { days } from '../plural';
import { bucketWord, uomWord } from './words';
import { altUnits, substitutionText } from './alternates';
import { heldOnHand } from './dedicated';
import { centersText } from './alternate-centers';
import { key } from './capacity';

export type { Text } from './explain';

export interface OrderPlan {
  orderId: string;
  customer: string;
  item: string;
  quantity: number;
  priority: number;
  dueDate: Day;
  finishDate: Day | null;
  daysLate: number | null;
  subcontractedQty: number;
  shortQty: number;
  /** units of the finished item shipped from stock (Make items with stock above safety stock) */
  fromStock: number;
  /** Make components taken from stock, e.g. "SA-IMPELLER × 5" */
  componentsFromStock: string;
  /** operations sent out, e.g. "PAINT30 × 5" */
  subcontracting: string;
  lateBecause: Text | null;
  /** alternate components used (BOM AlternateOf), e.g. "BP-MOTOR-7KW short until 12-28; 4 × BP-MOTOR-7KW-B used" */
  alternatesUsed?: Text;
  /** material bought for this order (PurchaseOrders.Order) that the plan leaves unused, e.g. "RM-X × 5 (PO-7)" */
  leftover?: Text;
  /** operations whose units went to alternative work centers, e.g. "ASSY10: ASSY-1 full in the week of 01-05; 4 on ASSY-2" */
  alternateCenters?: Text;
  /** on time, late, short (some units not finished in the horizon), or not planned */
  state: 'onTime' | 'late' | 'short' | 'notPlanned';
}

export interface LoadRow {
  workCenter: string;
  bucketStart: Day;
  capacityHours: number;
  loadHours: number;
  overtimeHours: number;
  /** load / regular capacity; null when the work center has no hours that bucket */
  utilisation: number | null;
}

export interface MaterialRow {
  item: string;
  bucketStart: Day;
  requirement: number;
  receipts: number;
  suggestedPurchase: number;
  projectedOnHand: number;
  safetyStock: number;
  /** units of this item used in place of a primary component (it is an alternate); only when any */
  usedAsAlternate?: number;
  /** units of this item's need covered by alternates instead; only when any */
  replacedByAlternate?: number;
  /** units held for orders at the end of the bucket (PurchaseOrders.Order), not in projected on hand; only when any */
  dedicated?: number;
}

export interface PurchaseSuggestion {
  item: string;
  supplier: string;
  quantity: number;
  orderBy: Day;
  needBy: Day;
}

export type ExceptionType = 'late' | 'short' | 'cannotStart' | 'cannotFinish' | 'beyondHorizon' | 'overload' | 'shortage' | 'noWorkingDay' | 'lotSplit' | 'movedOn' | 'unscheduled' | 'leftover' | 'dedicatedIdle';

export interface PlanException {
  type: ExceptionType;
  severity: 'error' | 'warning' | 'info';
  /** order, work center or item */
  subject: string;
  date: Day | null;
  message: Text;
}

export interface PlanResult {
  orders: OrderPlan[];
  load: LoadRow[];
  materials: MaterialRow[];
  purchaseSuggestions: PurchaseSuggestion[];
  exceptions: PlanException[];
}

/** Quantities shown to planners: 4 decimals, no −0, no 1e-12 noise. */
export const round = (v: number, digits = 4): number => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
};

function orderPlan(pm: PlanModel, s: PlanState, o: PlannedOrder): OrderPlan {
  const b = pm.buckets;
  const base = {
    orderId: o.order.OrderId,
    customer: o.order.Customer,
    item: o.order.Item,
    quantity: o.order.Quantity,
    priority: o.order.Priority,
    dueDate: o.order.DueDate,
    fromStock: round(o.fromStock),
    componentsFromStock: o.componentsFromStock.map((c) => `${c.item} × ${round(c.quantity, 2)}`).join(', '),
  };
  if (o.fromStock > 0 && o.doneRow < 0 && !o.blocked) {
    // All of it ships from stock, on PlanStart: late only when due before that.
    const daysLate = Math.max(0, daysBetween(o.order.DueDate, b.start));
    const why = { en: `due ${o.order.DueDate}, before the plan starts (${b.start}); it ships from stock then`, zh: `交期 ${o.order.DueDate} 早于计划开始日期 ${b.start}；届时由库存发货` };
    return { ...base, finishDate: b.start, daysLate, subcontractedQty: 0, shortQty: 0, subcontracting: '', lateBecause: daysLate > 0 ? why : null, state: daysLate > 0 ? 'late' : 'onTime' };
  }
  if (o.blocked || !o.last) {
    const why = o.blocked ?? { en: 'nothing to plan', zh: '无可排产内容' };
    return { ...base, finishDate: null, daysLate: null, subcontractedQty: 0, shortQty: round(o.order.Quantity - o.fromStock), subcontracting: '', lateBecause: { en: why.en, zh: why.zh }, state: 'short' };
  }
  const tol = s.tol(o.order.Quantity);
  const finished = new Float64Array(b.count);
  for (let t = 0; t < b.count; t++) {
    finished[t] += s.val(o.last.x[t]);
    if (o.last.y[t] >= 0) finished[o.last.arrival[t]] += s.val(o.last.y[t]);
  }
  let finish = -1;
  for (let t = 0; t < b.count; t++) if (finished[t] > tol) finish = t;
  const short = s.val(o.short);
  const sub: string[] = [];
  let subQty = 0;
  for (const v of o.ops) {
    let q = 0;
    for (let t = 0; t < b.count; t++) q += s.val(v.y[t]);
    if (q <= s.tol(v.op.node.qty)) continue;
    sub.push(`${v.op.label} × ${round(q, 2)}`);
    subQty = Math.max(subQty, q / v.op.node.perOrderUnit);
  }
  const daysLate = finish < 0 ? null : Math.max(0, daysBetweenBuckets(b, o.dueBucket, finish));
  const alternatesUsed = substitutionText(b, pm.substitutions.filter((x) => x.order === o.index), s.val, (primary, after) => {
    const mv = pm.materials.get(primary.ItemId.trim().toLowerCase());
    for (let t = after + 1; t < b.count; t++) if (mv && (mv.supply.usableReceipts[t] > 0 || t >= mv.supply.leadBucket)) return t;
    return b.count;
  });
  const centers = centersText(b, s, o.ops, bucketWord(b));
  const isShort = short > tol;
  const isLate = (daysLate ?? 0) > 0;
  return {
    ...base,
    finishDate: finish < 0 ? null : bucketEnd(b, finish),
    daysLate,
    subcontractedQty: round(subQty),
    shortQty: round(isShort ? short : 0),
    subcontracting: sub.join(', '),
    ...(alternatesUsed ? { alternatesUsed } : {}),
    ...leftoverOf(pm, s, o),
    ...(centers ? { alternateCenters: centers } : {}),
    lateBecause: isShort || isLate ? explainLate(pm, s, o) : null,
    state: isShort ? 'short' : isLate ? 'late' : 'onTime',
  };
}

/** What is left of the material bought for an order after the plan (initial + receipts − drawn). */
function leftoverOf(pm: PlanModel, s: PlanState, o: PlannedOrder): { leftover?: Text } {
  const en: string[] = [];
  const zh: string[] = [];
  for (const pools of pm.dedicated.values())
    for (const pool of pools) {
      if (pool.planned !== o) continue;
      const left = pool.onHand + pool.receipts.reduce((a, q) => a + q, 0) - Array.from(pool.draw, (c) => s.val(c)).reduce((a, v) => a + v, 0);
      if (left <= s.tol(left)) continue;
      const pos = pool.lines.map((l) => l.PoId).join(', ');
      en.push(`${pool.item.ItemId} × ${round(left, 2)} (${pos})`);
      zh.push(`${pool.item.ItemId} × ${round(left, 2)}（${pos}）`);
    }
  return en.length ? { leftover: { en: en.join(', '), zh: zh.join('，') } } : {};
}

function loadRows(pm: PlanModel, s: PlanState): LoadRow[] {
  const out: LoadRow[] = [];
  for (const [wc, c] of pm.capacity) {
    for (let t = 0; t < pm.buckets.count; t++) {
      const load = s.load(wc, t);
      const ot = s.val(pm.otCols.get(wc)![t]);
      const cap = c.hours[t];
      out.push({
        workCenter: c.wc.WorkCenterId,
        bucketStart: bucketStart(pm.buckets, t),
        capacityHours: round(cap, 2),
        loadHours: round(load, 2),
        overtimeHours: round(ot, 2),
        utilisation: cap > 0 ? round(load / cap, 4) : null,
      });
    }
  }
  return out;
}

function materialRows(pm: PlanModel, s: PlanState): { rows: MaterialRow[]; suggestions: PurchaseSuggestion[] } {
  const rows: MaterialRow[] = [];
  const suggestions: PurchaseSuggestion[] = [];
  for (const [m, mv] of pm.materials) {
    const item = mv.supply.item;
    const T = pm.buckets.count;
    // The plan's net purchases per bucket become lots (MOQ, multiples, surplus carried forward);
    // the Materials rows show those lots arriving, so projected stock shows what they leave over.
    const lots = purchaseLots(mv, s.val);
    const arriving = new Float64Array(T);
    for (const lot of lots) {
      arriving[lot.bucket] += lot.quantity;
      const needBy = bucketStart(pm.buckets, lot.bucket);
      const lead = mv.supply.suppliers.find((sup) => sup.supplier === lot.supplier)?.leadDays ?? mv.supply.leadDays;
      suggestions.push({ item: item.ItemId, supplier: lot.supplier, quantity: lot.quantity, orderBy: addDays(needBy, -lead), needBy });
    }
    // Projected on hand is the common stock; material held for orders is shown beside it.
    const pools = pm.dedicated.get(m) ?? [];
    let onHand = Math.max(0, item.OnHand - heldOnHand(pools));
    let held = heldOnHand(pools);
    const asAlt = pm.substitutions.filter((x) => x.alt.item === item);
    const asPrimary = pm.substitutions.filter((x) => x.primary === item);
    for (let t = 0; t < T; t++) {
      const req = s.use(m, t);
      for (const p of pools) held += p.receipts[t] - s.val(p.draw[t]);
      const used = asAlt.reduce((a, x) => a + altUnits(x, s.val, t), 0);
      const replaced = asPrimary.reduce((a, x) => a + x.primaryRatio * s.val(x.cols[t]), 0);
      onHand += mv.supply.receipts[t] + arriving[t] - req;
      rows.push({
        item: item.ItemId,
        bucketStart: bucketStart(pm.buckets, t),
        requirement: round(req),
        receipts: round(mv.supply.receipts[t]),
        suggestedPurchase: round(arriving[t]),
        projectedOnHand: round(onHand),
        safetyStock: item.SafetyStock,
        ...(asAlt.length ? { usedAsAlternate: round(used) } : {}),
        ...(asPrimary.length ? { replacedByAlternate: round(replaced) } : {}),
        ...(pools.length ? { dedicated: round(held) } : {}),
      });
    }
  }
  return { rows, suggestions };
}

/**
 * How serious lateness is: an error when a priority-1 order is late at all or any order is more
 * than 7 days late; a warning otherwise (a week or less, priority 2–5). Short orders and orders
 * that cannot start or finish are errors; a full work center is a warning with overtime, else
 * information; a material short is a warning.
 */
export const lateSeverity = (priority: number, daysLate: number): 'error' | 'warning' => (priority <= 1 || daysLate > 7 ? 'error' : 'warning');

function exceptions(pm: PlanModel, orders: OrderPlan[], load: LoadRow[], suggestions: PurchaseSuggestion[]): PlanException[] {
  const out: PlanException[] = [];
  const word = bucketWord(pm.buckets);
  for (const sk of pm.skipped)
    out.push({
      type: sk.kind,
      severity: sk.kind === 'cannotStart' ? 'warning' : 'info',
      subject: sk.order.OrderId,
      date: sk.kind === 'cannotStart' ? (sk.order.ReleaseDate ?? null) : sk.order.DueDate,
      message: { en: `${sk.order.OrderId}: ${sk.en}`, zh: `${sk.order.OrderId}：${sk.zh}` },
    });
  for (const [i, o] of pm.orders.entries()) {
    const op = orders[i];
    const why = op.lateBecause ?? { en: '', zh: '' };
    if (o.blocked)
      out.push({ type: o.blocked.kind, severity: 'error', subject: op.orderId, date: op.dueDate, message: { en: `${op.orderId}: ${why.en}`, zh: `${op.orderId}：${why.zh}` } });
    else if (op.state === 'short')
      out.push({
        type: 'short',
        severity: 'error',
        subject: op.orderId,
        date: op.dueDate,
        message: { en: `${op.orderId}: ${op.shortQty} of ${op.quantity} not finished within the horizon — ${why.en}`, zh: `${op.orderId}：${op.quantity} 件中有 ${op.shortQty} 件在计划期内无法完成——${why.zh}` },
      });
    else if (op.state === 'late')
      out.push({
        type: 'late',
        severity: lateSeverity(op.priority, op.daysLate ?? 0),
        subject: op.orderId,
        date: op.finishDate,
        // daysLate counts whole buckets (the due-date rule), so say that rather than imply a
        // calendar difference between the two dates.
        message: { en: `${op.orderId}: due ${op.dueDate}, finishes in the bucket ending ${op.finishDate} — ${days(op.daysLate ?? 0)} late — ${why.en}`, zh: `${op.orderId}：交期 ${op.dueDate}，预计在截至 ${op.finishDate} 的时段完工——延期 ${op.daysLate} 天——${why.zh}` },
      });
  }
  for (const l of load) {
    if (l.overtimeHours <= 0.005 && (l.utilisation ?? 0) < 0.9999) continue;
    const ot = l.overtimeHours > 0.005;
    out.push({
      type: 'overload',
      severity: ot ? 'warning' : 'info',
      subject: l.workCenter,
      date: l.bucketStart,
      message: ot
        ? { en: `${l.workCenter}: full in the ${word.en} of ${l.bucketStart}, with ${l.overtimeHours} h overtime`, zh: `${l.workCenter}：${l.bucketStart} ${word.zh}满负荷，需加班 ${l.overtimeHours} 小时` }
        : { en: `${l.workCenter}: fully loaded in the ${word.en} of ${l.bucketStart} (${l.loadHours} of ${l.capacityHours} h)`, zh: `${l.workCenter}：${l.bucketStart} ${word.zh}满负荷（${l.loadHours}/${l.capacityHours} 小时）` },
    });
  }
  // Material bought for one order: left over after it, or held for an order that is not open.
  for (const [i, o] of pm.orders.entries())
    if (orders[i].leftover)
      out.push({
        type: 'leftover',
        severity: 'info',
        subject: o.order.OrderId,
        date: orders[i].finishDate,
        message: {
          en: `${o.order.OrderId}: material bought for this order is left over after it: ${orders[i].leftover!.en} — kept for this order, not given to others`,
          zh: `${o.order.OrderId}：为本订单采购的专用料有剩余：${orders[i].leftover!.zh}——专用料不混用，保留给本订单`,
        },
      });
  const skipped = new Set(pm.skipped.map((sk) => sk.order.OrderId.trim().toLowerCase()));
  for (const pools of pm.dedicated.values())
    for (const pool of pools) {
      if (pool.planned || skipped.has(pool.order.trim().toLowerCase())) continue;
      const qty = round(pool.onHand + pool.receipts.reduce((a, q) => a + q, 0), 2);
      const pos = pool.lines.map((l) => l.PoId).join(', ');
      out.push({
        type: 'dedicatedIdle',
        severity: 'warning',
        subject: pool.item.ItemId,
        date: null,
        message: {
          en: `${pos}: ${pool.item.ItemId} × ${qty} bought for order ${pool.order}, which is not open in this plan: no other order may use it; clear Order on the PO line to make it common stock`,
          zh: `${pos}：${pool.item.ItemId} × ${qty} 为订单 ${pool.order} 专门采购，该订单不在本次计划中：其他订单不得使用；如需转为通用库存，请清空采购行的销售订单`,
        },
      });
    }
  const byItem = new Map<string, PurchaseSuggestion[]>();
  for (const p of suggestions) byItem.set(p.item, [...(byItem.get(p.item) ?? []), p]);
  const needs = byItem.size ? dueNeeds(pm) : new Map<Item, Float64Array>();
  for (const [item, ps] of byItem) {
    const first = ps.reduce((a, p) => (p.orderBy < a.orderBy ? p : a));
    const total = round(ps.reduce((a, p) => a + p.quantity, 0), 2);
    // From when stock and open POs fall short of what the orders need by their due dates — not
    // the later bucket the plan could first use a purchase in.
    const since = shortFrom(pm, item, needs) ?? first.needBy;
    const uom = uomWord(pm.materials.get(key(item))?.supply.item.Uom);
    out.push({
      type: 'shortage',
      severity: 'warning',
      subject: item,
      date: since,
      message: {
        en: `${item}: stock and open POs run short from ${since}; buy ${total} ${uom.en} in total, the first by ${first.orderBy}`,
        zh: `${item}：自 ${since} 起库存及在途采购不足；共需采购 ${total} ${uom.zh}，最早须在 ${first.orderBy} 前下单`,
      },
    });
  }
  return out;
}

/**
 * The first bucket whose cumulative need — every planned order's use of the item counted in its
 * due bucket (bucket 0 when due before PlanStart) — exceeds usable stock plus open POs by then.
 */
function shortFrom(pm: PlanModel, itemId: string, needs: Map<Item, Float64Array>): Day | undefined {
  const mv = pm.materials.get(itemId.trim().toLowerCase());
  if (!mv) return undefined;
  const T = pm.buckets.count;
  const need = needs.get(mv.supply.item) ?? new Float64Array(T);
  let cumNeed = 0;
  let cumSupply = mv.supply.usable;
  // Material held for planned orders covers their need (and only theirs: at most what they need).
  const pools = (pm.dedicated.get(mv.supply.item.ItemId.trim().toLowerCase()) ?? []).filter((p) => p.planned);
  const room = pools.map((p) => nodesOf(p.planned!.root).reduce((a, n) => a + n.buyChildren.filter((bc) => bc.item === mv.supply.item).reduce((b, bc) => b + n.qty * bc.ratio, 0), 0));
  for (let t = 0; t < T; t++) {
    cumNeed += need[t];
    cumSupply += mv.supply.usableReceipts[t];
    pools.forEach((p, i) => {
      const q = Math.min(room[i], p.receipts[t] + (t === 0 ? p.onHand : 0));
      room[i] -= q;
      cumSupply += q;
    });
    if (cumNeed > cumSupply + 1e-6 * Math.max(1, cumNeed)) return bucketStart(pm.buckets, t);
  }
  return undefined;
}

/** Every planned order's use of each bought item, counted in its due bucket (bucket 0 when due before PlanStart). */
function dueNeeds(pm: PlanModel): Map<Item, Float64Array> {
  const T = pm.buckets.count;
  const needs = new Map<Item, Float64Array>();
  for (const o of pm.orders) {
    if (o.hypothetical) continue;
    const t = Math.min(Math.max(o.dueBucket, 0), T - 1);
    for (const n of nodesOf(o.root))
      for (const bc of n.buyChildren) {
        let need = needs.get(bc.item);
        if (!need) needs.set(bc.item, (need = new Float64Array(T)));
        need[t] += n.qty * bc.ratio;
      }
  }
  return needs;
}

export function extractPlan(pm: PlanModel, values: ArrayLike<number>): PlanResult {
  const s = planState(pm, values);
  const orders = pm.orders.map((o) => orderPlan(pm, s, o));
  for (const sk of pm.skipped)
    orders.push({
      orderId: sk.order.OrderId,
      customer: sk.order.Customer,
      item: sk.order.Item,
      quantity: sk.order.Quantity,
      priority: sk.order.Priority,
      dueDate: sk.order.DueDate,
      finishDate: null,
      daysLate: null,
      subcontractedQty: 0,
      shortQty: sk.kind === 'cannotStart' ? sk.order.Quantity : 0,
      fromStock: 0,
      componentsFromStock: '',
      subcontracting: '',
      // Due after the horizon is information (in Exceptions), not a reason for lateness.
      lateBecause: sk.kind === 'beyondHorizon' ? null : { en: sk.en, zh: sk.zh },
      state: 'notPlanned',
    });
  const load = loadRows(pm, s);
  const { rows, suggestions } = materialRows(pm, s);
  return { orders, load, materials: rows, purchaseSuggestions: suggestions, exceptions: exceptions(pm, orders, load, suggestions) };
}
