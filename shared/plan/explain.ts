// Why an order is late, in words a planner uses: the work center(s) that were full in the buckets
// before its due date, the material whose stock and open POs ran out before a new purchase could
// arrive, or a date that no capacity could meet (release date, lead times). Read from the solved
// plan itself — which rows are tight and who used them — so the reason names the other orders too.
import { bucketEnd, bucketStart } from './buckets';
import { key } from './capacity';
import type { OpVars, PlanModel, PlannedOrder } from './build-model';
import type { PartNode } from './network';
import { days } from '../plural';
import { bucketWord, plural, usableFrom } from './words';
import { solverTol } from '../lp/model';

export interface Text {
  en: string;
  zh: string;
}

/** Read access to a solution, with the sums the explanations and reports need. */
export interface PlanState {
  val(col: number): number;
  /** tolerance for "zero" on a quantity of this size */
  tol(q: number): number;
  load(wc: string, t: number): number;
  /** hours each order put on a work center in a bucket */
  orderLoad(wc: string, t: number): Map<number, number>;
  use(m: string, t: number): number;
  /** regular hours all used (load ≥ capacity) */
  full(wc: string, t: number): boolean;
}

export function planState(pm: PlanModel, values: ArrayLike<number>): PlanState {
  return new SolvedPlan(pm, values);
}

/**
 * PlanState of one solution. Its sums are methods, shared by every plan, not closures made per
 * plan: a closure's optimised code was compiled again on every plan. `val` stays a function of
 * its own (callers hand it on).
 */
class SolvedPlan implements PlanState {
  readonly val: (col: number) => number;
  readonly tol = solverTol;
  constructor(
    private readonly pm: PlanModel,
    values: ArrayLike<number>,
  ) {
    this.val = (c: number) => (c >= 0 ? Math.max(0, values[c]) : 0);
  }
  private rowSum(row: number, onlyOrders: boolean): number {
    const { pm, val } = this;
    const m = pm.lp;
    let s = 0;
    if (row < 0) return 0;
    for (let k = m.rowStart[row]; k < m.rowStart[row + 1]; k++) if (!onlyOrders || pm.colOrder[m.rowIndex[k]] >= 0) s += m.rowValue[k] * val(m.rowIndex[k]);
    return s;
  }
  load(wc: string, t: number): number {
    return this.rowSum(this.pm.capRows.get(wc)?.[t] ?? -1, true);
  }
  orderLoad(wc: string, t: number): Map<number, number> {
    const { pm, val } = this;
    const m = pm.lp;
    const out = new Map<number, number>();
    const row = pm.capRows.get(wc)?.[t] ?? -1;
    if (row < 0) return out;
    for (let k = m.rowStart[row]; k < m.rowStart[row + 1]; k++) {
      const o = pm.colOrder[m.rowIndex[k]];
      if (o >= 0) out.set(o, (out.get(o) ?? 0) + m.rowValue[k] * val(m.rowIndex[k]));
    }
    return out;
  }
  use(mat: string, t: number): number {
    const row = this.pm.materials.get(mat)?.rows[t] ?? -1;
    return this.rowSum(row, true);
  }
  full(wc: string, t: number): boolean {
    const cap = this.pm.capacity.get(wc)?.hours[t] ?? 0;
    return cap > 0 && this.load(wc, t) >= cap * (1 - 1e-6) - 1e-6;
  }
}

/** Units an operation has delivered by the end of bucket `upTo` (subcontracted ones once back). */
export const cumDone = (s: PlanState, v: OpVars, upTo: number): number => {
  let sum = 0;
  for (let t = 0; t <= upTo && t < v.x.length; t++) sum += s.val(v.x[t]);
  for (let t = 0; t < v.y.length; t++) if (v.y[t] >= 0 && v.arrival[t] <= upTo) sum += s.val(v.y[t]);
  return sum;
};

/** "2026-12-07, 2026-12-14" or "2026-12-07 – 2027-01-04" for a long run (Chinese: 、 and 至). */
function bucketList(pm: PlanModel, ts: number[], zh = false): string {
  // Runs of consecutive buckets longer than two become "first – last"; every bucket is named.
  const sorted = [...new Set(ts)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = bucketStart(pm.buckets, sorted[i]);
    if (j - i >= 2) parts.push(`${first}${zh ? ' 至 ' : ' – '}${bucketStart(pm.buckets, sorted[j])}`);
    else for (let k = i; k <= j; k++) parts.push(bucketStart(pm.buckets, sorted[k]));
    i = j + 1;
  }
  return parts.join(zh ? '、' : ', ');
}

function names(pm: PlanModel, idx: number[], zh = false): string {
  const ids = idx.slice(0, 3).map((i) => pm.orders[i].order.OrderId);
  const list = ids.join(zh ? '、' : ', ');
  return idx.length > 3 ? (zh ? `${list} 等 ${idx.length} 个订单` : `${list} +${idx.length - 3}`) : list;
}

/** The other orders that used a work center (or material) in those buckets, most important first. */
function takers(pm: PlanModel, o: PlannedOrder, hours: Map<number, number>): { higher: number[]; others: number[] } {
  const list = [...hours.entries()].filter(([i, h]) => i !== o.index && h > 1e-6).sort((a, b) => pm.orders[b[0]].weight - pm.orders[a[0]].weight || b[1] - a[1]);
  return { higher: list.filter(([i]) => pm.orders[i].weight > o.weight).map(([i]) => i), others: list.map(([i]) => i) };
}

function takerText(pm: PlanModel, o: PlannedOrder, hours: Map<number, number>): Text {
  const t = takers(pm, o, hours);
  if (t.higher.length) return { en: `, taken by higher-priority ${names(pm, t.higher)}`, zh: `，被优先级更高的 ${names(pm, t.higher, true)} 占用` };
  if (t.others.length) return { en: `, used by ${names(pm, t.others)}`, zh: `，由 ${names(pm, t.others, true)} 使用` };
  return { en: '', zh: '' };
}

/** A work center with no hours and no overtime in buckets `ts` (Calendar rows of 0 hours). */
function closedText(pm: PlanModel, id: string, ts: number[]): Text {
  const word = bucketWord(pm.buckets);
  return {
    en: `work center ${id} closed in the ${plural(word.en, ts.length)} of ${bucketList(pm, ts)} (Calendar)`,
    zh: `工作中心 ${id} 在 ${bucketList(pm, ts, true)} ${word.zh}停工（工作日历）`,
  };
}

export function explainLate(pm: PlanModel, s: PlanState, o: PlannedOrder): Text {
  const b = pm.buckets;
  const T = b.count;
  const word = bucketWord(b);
  const unit = word;
  // The last bucket the order still had work in: before its finish bucket, or the horizon's end when short.
  const isShort = s.val(o.short) > s.tol(o.order.Quantity);
  let finish = -1;
  if (o.last) for (let t = 0; t < T; t++) if (cumDone(s, o.last, t) > (t > 0 ? cumDone(s, o.last, t - 1) : 0) + s.tol(o.order.Quantity)) finish = t;
  const lastNeeded = isShort ? T - 1 : finish - 1;
  // Capacity and material are judged from the due bucket, or from the earliest possible finish
  // when the due date could not be met at all (then the rest of the delay is theirs).
  let d = Math.min(o.dueBucket, T - 1);
  const reasons: Text[] = [];

  // 1. A due date no capacity could meet.
  if (o.earliestFinish > o.dueBucket) {
    d = Math.min(Math.max(o.earliestFinish, 0), T - 1);
    // Due before the plan starts: the rest of the delay, past the first bucket, is still explained.
    const beforeStart = o.dueBucket < 0 && o.release <= b.start;
    if (beforeStart)
      reasons.push({ en: `due ${o.order.DueDate}, before the plan starts (PlanStart ${b.start})`, zh: `交期 ${o.order.DueDate} 早于计划开始日期 ${b.start}` });
    else if (o.releaseBucket > o.dueBucket || o.dueBucket < 0)
      reasons.push({ en: `released only on ${o.release} (ReleaseDate), after its due date ${o.order.DueDate}`, zh: `投产日期 ${o.release} 晚于交期 ${o.order.DueDate}` });
    const due = Math.max(o.dueBucket, 0);
    if (reasons.length === 0 || (beforeStart && o.earliestFinish > 0)) {
      const late = new Map<string, { id: string; first: number; lead: number }>();
      const walk = (n: PartNode) => {
        for (const bc of n.buyChildren) {
          const mv = pm.materials.get(key(bc.item.ItemId));
          if (mv && mv.supply.firstAvailable > due) late.set(bc.item.ItemId, { id: bc.item.ItemId, first: mv.supply.firstAvailable, lead: mv.supply.leadDays });
        }
        for (const c of n.makeChildren) walk(c.node);
      };
      walk(o.root);
      for (const m of late.values()) {
        const u = usableFrom(b, m.lead);
        reasons.push({
          en: `material ${m.id} has no stock or open PO before ${bucketStart(b, m.first)} (purchase lead time ${days(m.lead)}${u.en})`,
          zh: `物料 ${m.id} 在 ${bucketStart(b, m.first)} 之前无库存也无在途采购（采购提前期 ${m.lead} 天${u.zh}）`,
        });
      }
      if (late.size === 0) {
        // Work centers closed (no hours, no overtime) between release and the earliest finish.
        const closed = new Map<string, number[]>();
        for (const v of o.ops) {
          const c = pm.capacity.get(v.op.wc);
          if (!c) continue;
          for (let t = Math.max(0, o.releaseBucket); t < Math.min(o.earliestFinish, T); t++)
            if (c.hours[t] <= 0 && c.overtimeMax[t] <= 0) closed.set(c.wc.WorkCenterId, [...new Set([...(closed.get(c.wc.WorkCenterId) ?? []), t])]);
        }
        for (const [id, ts] of closed) reasons.push(closedText(pm, id, ts));
        const sub = o.ops.some((v) => v.op.subcontract);
        if (closed.size === 0)
          reasons.push({
            en: `earliest possible finish is ${bucketEnd(b, o.earliestFinish)} even with free capacity (its operations in sequence${sub ? ', subcontract lead times' : ''} and work-center calendars)`,
            zh: `即使产能充足，最早也只能在 ${bucketEnd(b, o.earliestFinish)} 完工（工序先后相接${sub ? '、委外周期' : ''}及工作日历所限）`,
          });
      }
    }
  }

  // 2. A material with no stock to spare from the due bucket until new supply can arrive.
  const seen = new Set<string>();
  const materialBound = new Set<PartNode>();
  const walkBuys = (n: PartNode) => {
    for (const c of n.makeChildren) walkBuys(c.node);
    const first = o.ops.find((v) => v.op === n.ops[0]);
    if (!first) return;
    for (const bc of n.buyChildren) {
      const m = key(bc.item.ItemId);
      const mv = pm.materials.get(m);
      if (!mv || mv.supply.leadBucket <= o.dueBucket || mv.supply.firstAvailable > o.dueBucket) continue;
      const need = n.qty * bc.ratio;
      let used = 0;
      for (let t = 0; t <= d; t++) used += bc.ratio * (s.val(first.x[t]) + s.val(first.y[t]));
      if (used >= need - s.tol(need)) continue;
      // Binding when no stock is spare from the due bucket until purchases can arrive: whatever
      // was there went to other orders (or is kept for ones that need it first).
      // The projected stock already has this order's own later use taken out; stock it is
      // saving for itself is not stock other orders took, so add that use back.
      const until = Math.min(mv.supply.leadBucket, b.count);
      let spare = Infinity;
      let ownLater = 0;
      for (let t = Math.max(0, d); t < until; t++) {
        if (t > d) ownLater += bc.ratio * (s.val(first.x[t]) + s.val(first.y[t]));
        spare = Math.min(spare, s.val(mv.inv[t]) + ownLater);
      }
      if (spare > s.tol(need)) continue;
      materialBound.add(n);
      if (seen.has(m)) continue;
      seen.add(m);
      const drawn = new Map<number, number>();
      for (let t = 0; t < until; t++) {
        const r = mv.rows[t];
        for (let k = pm.lp.rowStart[r]; k < pm.lp.rowStart[r + 1]; k++) {
          const oi = pm.colOrder[pm.lp.rowIndex[k]];
          if (oi >= 0) drawn.set(oi, (drawn.get(oi) ?? 0) + pm.lp.rowValue[k] * s.val(pm.lp.rowIndex[k]));
        }
      }
      const by = takerText(pm, o, drawn);
      let po = -1;
      for (let t = Math.max(0, d + 1); t < until && po < 0; t++) if (mv.supply.usableReceipts[t] > 0) po = t;
      const id = bc.item.ItemId;
      const arrive = bucketStart(b, mv.supply.leadBucket);
      // From when: the first bucket from which no stock is to spare (what is there is held for
      // uses that come later, up to when new supply can arrive).
      let from = Math.max(0, until - 1);
      for (let t = until - 1, low = Infinity; t >= 0; t--) if ((low = Math.min(low, s.val(mv.inv[t]))) <= s.tol(need)) from = t;
      const since = bucketStart(b, from);
      const u = usableFrom(b, mv.supply.leadDays);
      reasons.push(
        po >= 0
          ? { en: `material ${id} short from ${since}: no stock to spare until the open PO due in the ${unit.en} of ${bucketStart(b, po)}${by.en}`, zh: `物料 ${id} 自 ${since} 起不足：库存已分配完，须等 ${bucketStart(b, po)} ${unit.zh}到货的在途采购${by.zh}` }
          : {
              en: `material ${id} short from ${since}: no stock to spare before a new purchase can arrive (${arrive} at the earliest, lead time ${days(mv.supply.leadDays)}${u.en})${by.en}`,
              zh: `物料 ${id} 自 ${since} 起不足：库存及在途采购已分配完，新采购最早 ${arrive} 到货（提前期 ${mv.supply.leadDays} 天${u.zh}）${by.zh}`,
            },
      );
    }
  };
  walkBuys(o.root);

  // 3. Work centers that were full in the last bucket by the due date where an unfinished
  // operation of the order could run (with the full buckets just before it). When a material
  // holds the order back, the rest of its work waits for it (just in time) and no work center is
  // to blame.
  // Closed buckets (Calendar) among or after them are named too: the order waited through them.
  const fullAt = new Map<string, Set<number>>();
  const closedAt = new Map<string, Set<number>>();
  let idleBeforeRelease = '';
  for (const v of o.ops) {
    const qty = v.op.node.qty;
    if (materialBound.size > 0 || cumDone(s, v, d) >= qty - s.tol(qty)) continue;
    const run: number[] = [];
    const shut: number[] = [];
    const isClosed = (t: number) => {
      const c = pm.capacity.get(v.op.wc);
      return c !== undefined && c.hours[t] <= 0 && c.overtimeMax[t] <= 0;
    };
    // Walking back, a closed bucket counts only with a full one before it (one before them all is
    // the earliest-finish reason's, step 1).
    let closedAbove: number[] = [];
    let t = d;
    for (; t >= Math.max(0, v.earliestStart); t--) {
      if (v.x[t] < 0) {
        if (isClosed(t)) closedAbove.push(t);
        continue;
      }
      if (!s.full(v.op.wc, t)) break;
      run.push(t);
      shut.push(...closedAbove);
      closedAbove = [];
    }
    // Full right back to the release: the hours free before it could not be used.
    if (run.length && t < Math.max(0, v.earliestStart) && o.release > b.start && v.earliestStart === o.releaseBucket)
      for (let u = 0; u < o.releaseBucket; u++) if ((pm.capacity.get(v.op.wc)?.hours[u] ?? 0) > 0 && !s.full(v.op.wc, u)) idleBeforeRelease = pm.capacity.get(v.op.wc)!.wc.WorkCenterId;
    // Every full bucket after it, too, while the operation still had units to do.
    for (let u = Math.max(d + 1, 0, v.earliestStart); u <= lastNeeded; u++) {
      if (cumDone(s, v, u - 1) >= qty - s.tol(qty)) continue;
      if (v.x[u] < 0) {
        if (isClosed(u)) shut.push(u);
        continue;
      }
      if (s.full(v.op.wc, u)) run.push(u);
    }
    if (run.length === 0) continue;
    if (!fullAt.has(v.op.wc)) fullAt.set(v.op.wc, new Set());
    for (const t of run) fullAt.get(v.op.wc)!.add(t);
    if (shut.length && !closedAt.has(v.op.wc)) closedAt.set(v.op.wc, new Set());
    for (const t of shut) closedAt.get(v.op.wc)!.add(t);
  }
  if (idleBeforeRelease)
    reasons.push({
      en: `released only on ${o.release} (ReleaseDate): work center ${idleBeforeRelease} had hours free before then`,
      zh: `投产日期为 ${o.release}：工作中心 ${idleBeforeRelease} 在此之前的空闲工时无法使用`,
    });
  const ranked = [...fullAt.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, 2);
  for (const [wc, set] of ranked) {
    const ts = [...set].sort((a, b) => a - b);
    const cap = pm.capacity.get(wc)!;
    const ots = pm.otCols.get(wc)!;
    const otMax = ts.reduce((a, t) => a + cap.overtimeMax[t], 0);
    const otUsed = ts.reduce((a, t) => a + s.val(ots[t]), 0);
    const ot: Text =
      otMax <= 0
        ? { en: 'no overtime allowed', zh: '不允许加班' }
        : otUsed >= otMax - 1e-6 * Math.max(1, otMax)
          ? { en: 'overtime used up', zh: '加班已用尽' }
          : { en: 'more overtime would cost more than the delay', zh: '再加班的成本高于延期损失' };
    const hours = new Map<number, number>();
    for (const t of ts) for (const [i, h] of s.orderLoad(wc, t)) hours.set(i, (hours.get(i) ?? 0) + h);
    const by = takerText(pm, o, hours);
    const id = cap.wc.WorkCenterId;
    reasons.push({
      en: `work center ${id} full in the ${plural(word.en, ts.length)} of ${bucketList(pm, ts)} (${ot.en})${by.en}`,
      zh: `工作中心 ${id} 在 ${bucketList(pm, ts, true)} ${word.zh}满负荷（${ot.zh}）${by.zh}`,
    });
    const shut = closedAt.get(wc);
    if (shut) reasons.push(closedText(pm, id, [...shut].sort((a, b) => a - b)));
  }

  // 4. The routing itself is longer than a bucket: components and operations one after the other.
  if (reasons.length === 0 && o.ops.some((v) => v.flowLag > 0))
    reasons.push({
      en: `its ${o.ops.length} operations, run one after the other on their work centers (components first), take more than a ${word.en}, so it cannot start and finish in one`,
      zh: `其 ${o.ops.length} 道工序在各工作中心依次加工（先做部件），所需时间超过一${word.zh}，无法在一${word.zh}内开工并完工`,
    });
  if (reasons.length === 0)
    reasons.push({
      en: 'finishing earlier would cost more (overtime, subcontracting or other orders’ delay) than this delay',
      zh: '提前完工的代价（加班、委外或其他订单延期）高于本单延期损失',
    });
  return { en: reasons.map((r) => r.en).join('; '), zh: reasons.map((r) => r.zh).join('；') };
}
