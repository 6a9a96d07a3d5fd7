// The delivery promise of a quote line, from the planning model (shared/plan): the line is added
// to the current plan as one more order, and nothing is reserved (an inquiry, not a booking).
//
// 1. The current plan is solved as the plan job would (its own objective): each firm order
//    (Approved / InProduction) gets a deadline, the later of its due bucket and its finish bucket
//    in that plan, and may not have more units short than it has there. "Delays no firm order"
//    means: every firm order still finishes by its deadline.
// 2. With the firm deadlines as bounds, C0 = the least overtime + subcontract cost of the firm
//    orders alone (they may be re-planned within their deadlines).
// 3. The quote line is added as an order released at PlanStart. For a finish bucket F, cost(F) =
//    the least overtime + subcontract cost with every quote unit finished by F (LP, the plan
//    model's rows, objective = overtime at OvertimeRate + subcontracting at SubcontractCostPerUnit).
//    The promise is the earliest F with cost(F) ≤ C0, i.e. reachable with spare regular capacity,
//    found by bisection (cost(F) never rises with F). promiseDate = the last day of bucket F, as
//    the plan reports finish dates.
// 4. If RequestedDate falls in an earlier bucket R: rushPremium = cost(R) − C0, the extra overtime
//    and subcontracting that meeting it takes; if no plan meets R, why: before PlanStart, a material
//    lead time or release, or work centers full even with all their overtime.
import type { Day } from '../dates';
import type { Order, Plant } from '../domain';
import type { LpModel, LpSolution } from '../lp/model';
import { bucketEnd, bucketIndex, bucketStart, type Buckets } from '../plan/buckets';
import { buildPlanModel, type OpVars, type PlanModel, type PlannedOrder } from '../plan/build-model';
import { key } from '../plan/capacity';
import { MIN_OVERTIME_COST } from '../plan/costs';
import { nodesOf } from '../plan/network';
import type { CostedQuote } from './quote';

export type SolveLp = (model: LpModel) => Promise<LpSolution>;

export interface DeliveryPromise {
  /** earliest finish that delays no firm order; null when it cannot be given */
  promiseDate: Day | null;
  /** extra overtime + subcontract cost of meeting RequestedDate; 0 when the promise meets it; null when unknown or impossible */
  rushPremium: number | null;
  /** promised (no date requested), meetsRequest, rushable (at rushPremium), cannotMeet (the request), noPromise */
  status: 'promised' | 'meetsRequest' | 'rushable' | 'cannotMeet' | 'noPromise';
  note: string;
  noteZh: string;
}

const tolOf = (q: number) => 1e-6 * Math.max(1, Math.abs(q));
const money = (x: number) => x.toFixed(2);

/** Columns that finish units of an operation, with the bucket the units are done in. */
function completions(v: OpVars): [col: number, bucket: number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < v.x.length; t++) {
    if (v.x[t] >= 0) out.push([v.x[t], t]);
    if (v.y[t] >= 0) out.push([v.y[t], t + v.lead]);
  }
  return out;
}

interface FirmLimit {
  deadline: number;
  maxShort: number;
}

/** Firm orders' deadlines and short limits from a solved current plan. */
function firmLimits(pm: PlanModel, values: ArrayLike<number>): Map<string, FirmLimit> {
  const out = new Map<string, FirmLimit>();
  for (const o of pm.orders) {
    if (o.blocked || !o.last) continue;
    const tol = tolOf(o.order.Quantity);
    let finish = -1;
    for (const [c, t] of completions(o.last)) if (values[c] > tol) finish = Math.max(finish, t);
    const deadline = Math.max(finish, o.dueBucket);
    // Solver noise (≤ tol) after the deadline may stay short; no slack beyond that, or the
    // re-plan could shave firm orders to make room for the quote.
    let maxShort = values[o.short] > tol ? values[o.short] : 0;
    for (const [c, t] of completions(o.last)) if (t > deadline) maxShort += Math.max(0, values[c]);
    out.set(o.order.OrderId, { deadline, maxShort });
  }
  return out;
}

/** Overtime + subcontract objective, firm deadlines as bounds. Other costs keep their tiny tie-breaking values. */
function rushModel(pm: PlanModel, limits: Map<string, FirmLimit>, quote: PlannedOrder | undefined) {
  const lp = pm.lp;
  const cost = new Float64Array(lp.colCost.length);
  const upper = Float64Array.from(lp.colUpper);
  // Keep the tiny tie-breakers (WIP, stock, purchases) so work is not parked or bought for nothing;
  // clear lateness, earliness and short penalties.
  for (let j = 0; j < cost.length; j++) if (pm.colOrder[j] < 0) cost[j] = lp.colCost[j];
  for (const w of pm.wipCols) cost[w] = lp.colCost[w]; // every WIP column is the one its wip_ row defines
  const premium: { col: number; rate: number }[] = [];
  for (const [wc, cols] of pm.otCols) {
    const rate = pm.capacity.get(wc)!.wc.OvertimeRate;
    for (const c of cols) if (c >= 0) (cost[c] = Math.max(MIN_OVERTIME_COST, rate)), premium.push({ col: c, rate });
  }
  for (const o of pm.orders) {
    for (const v of o.ops) {
      const rate = v.op.op.SubcontractCostPerUnit ?? 0;
      for (const c of v.y) if (c >= 0) (cost[c] = rate), premium.push({ col: c, rate });
    }
    if (o === quote || o.blocked || !o.last) continue;
    const lim = limits.get(o.order.OrderId);
    if (!lim) continue;
    upper[o.short] = lim.maxShort;
    for (const [c, t] of completions(o.last)) if (t > lim.deadline) upper[c] = 0;
  }
  /** The model with the quote (if any) due by bucket F; F < 0 leaves it unmade. */
  const at = (F: number): LpModel => {
    const u = upper.slice();
    if (quote && quote.last) {
      u[quote.short] = F < 0 ? quote.order.Quantity : 0;
      for (const [c, t] of completions(quote.last)) if (t > F) u[c] = 0;
    }
    return { ...lp, colCost: cost, colUpper: u };
  };
  const premiumOf = (values: ArrayLike<number>) => premium.reduce((s, p) => s + p.rate * Math.max(0, values[p.col]), 0);
  return { at, premiumOf };
}

const noPromise = (note: string, noteZh: string): DeliveryPromise => ({ promiseDate: null, rushPremium: null, status: 'noPromise', note, noteZh });

export async function promiseDeliveries(plant: Plant, quotes: CostedQuote[], solve: SolveLp): Promise<DeliveryPromise[]> {
  if (!quotes.length) return [];
  if (plant.settings.PlanStart === undefined)
    return quotes.map(() => noPromise('the delivery promise needs Settings PlanStart (the first day of the plan); with no Orders the plant is taken as empty and only capacity counts', '承诺交期需要设置中的计划开始日期（PlanStart）；没有订单时按空闲工厂、仅按产能计算'));

  // The current plan, solved as the plan job would.
  const current = buildPlanModel(plant);
  const sol = await solve(current.lp);
  if (sol.status !== 'optimal')
    return quotes.map(() => noPromise(`the current plan could not be solved (${sol.status}${sol.message ? `: ${sol.message}` : ''}), so no promise can be given`, `当前计划无法求解（${sol.status}），无法给出承诺交期`));
  const limits = firmLimits(current, sol.values);
  const base = rushModel(current, limits, undefined);
  const c0sol = await solve(base.at(-1));
  if (c0sol.status !== 'optimal') return quotes.map(() => noPromise(`the firm orders could not be re-planned (${c0sol.status})`, `无法重新排产已确认订单（${c0sol.status}）`));
  const c0 = base.premiumOf(c0sol.values);

  const out: DeliveryPromise[] = [];
  for (const [i, q] of quotes.entries()) out.push(await promiseOne(plant, q, i, limits, c0, solve));
  return out;
}

async function promiseOne(plant: Plant, q: CostedQuote, i: number, limits: Map<string, FirmLimit>, c0: number, solve: SolveLp): Promise<DeliveryPromise> {
  const start = plant.settings.PlanStart!;
  const order: Order = {
    row: q.quote.row, OrderId: `QUOTE-${q.quoteId}-${i + 1}`, Customer: q.customer ?? q.quoteId, Item: q.item, Quantity: q.quantity,
    DueDate: start, ReleaseDate: start, Priority: 5, Status: 'Approved', Notes: 'hypothetical order for a delivery promise', PartialOk: false,
  };
  const pm = buildPlanModel({ ...plant, Orders: [...plant.Orders, order] });
  const b = pm.buckets;
  const qo = pm.orders.find((o) => o.order === order);
  const requested = q.quote.RequestedDate;
  const R = requested === undefined ? undefined : bucketIndex(b, requested);
  if (!qo || qo.blocked || !qo.last) {
    const why = qo?.blocked ?? { en: 'nothing to plan', zh: '无可排产内容' };
    return { promiseDate: null, rushPremium: null, status: 'cannotMeet', note: `no promise within the plan horizon (to ${bucketEnd(b, b.count - 1)}): ${why.en}`, noteZh: `计划期内（至 ${bucketEnd(b, b.count - 1)}）无法承诺：${why.zh}` };
  }
  const model = rushModel(pm, limits, qo);
  const eps = 1e-6 * Math.max(1, c0) + 0.005;
  const cache = new Map<number, { ok: boolean; premium: number; values?: Float64Array }>();
  const costAt = async (F: number) => {
    if (!cache.has(F)) {
      const s = await solve(model.at(F));
      const ok = s.status === 'optimal';
      cache.set(F, { ok, premium: ok ? model.premiumOf(s.values) - c0 : Infinity, values: ok ? s.values : undefined });
    }
    return cache.get(F)!;
  };
  const free = async (F: number) => (await costAt(F)).premium <= eps;

  // Earliest bucket with no extra cost, by bisection over [earliest possible finish, horizon end].
  let promise: number | undefined;
  let lo = Math.max(0, qo.earliestFinish);
  let hi = b.count - 1;
  if (await free(hi)) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (await free(mid)) hi = mid;
      else lo = mid + 1;
    }
    promise = hi;
  }
  const promiseDate = promise === undefined ? null : bucketEnd(b, promise);
  const onPromise = promiseDate
    ? { en: `promise ${promiseDate} (finishes in the bucket ${bucketStart(b, promise!)} – ${promiseDate} on spare capacity, no firm order delayed)`, zh: `承诺交期 ${promiseDate}（利用空闲产能于 ${bucketStart(b, promise!)} – ${promiseDate} 时段完工，不推迟任何已确认订单）` }
    : { en: `no date within the horizon (to ${bucketEnd(b, b.count - 1)}) on spare capacity alone`, zh: `仅靠空闲产能在计划期内（至 ${bucketEnd(b, b.count - 1)}）无法完工` };

  if (R === undefined) return { promiseDate, rushPremium: null, status: promise === undefined ? 'noPromise' : 'promised', note: onPromise.en, noteZh: onPromise.zh };
  if (promise !== undefined && R >= promise)
    return R === promise
      ? // The plan resolves time to buckets, and finishing in the due date's bucket is on time
        // (the plan's due-date rule): promise the requested day itself, not the bucket's end.
        { promiseDate: requested!, rushPremium: 0, status: 'meetsRequest', note: `${onPromise.en}; meets the requested ${requested}, which is in the same planning bucket`, noteZh: `${onPromise.zh}；要求交期 ${requested} 在同一计划时段内，可满足` }
      : { promiseDate, rushPremium: 0, status: 'meetsRequest', note: `${onPromise.en}; meets the requested ${requested}`, noteZh: `${onPromise.zh}；满足要求交期 ${requested}` };
  if (R < 0)
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; the requested ${requested} is before PlanStart ${start}`, noteZh: `${onPromise.zh}；要求交期 ${requested} 早于计划开始日期 ${start}` };
  if (R >= b.count)
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; the requested ${requested} is after the plan horizon`, noteZh: `${onPromise.zh}；要求交期 ${requested} 在计划期之后` };
  if (R < qo.earliestFinish) {
    const why = leadReason(pm, qo, R);
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; cannot meet ${requested}: the earliest possible finish is ${bucketEnd(b, qo.earliestFinish)} (${why.en})`, noteZh: `${onPromise.zh}；无法满足 ${requested}：最早可能完工 ${bucketEnd(b, qo.earliestFinish)}（${why.zh}）` };
  }
  const rush = await costAt(R);
  if (rush.ok)
    return {
      promiseDate, rushPremium: rush.premium, status: 'rushable',
      note: `${onPromise.en}; meeting ${requested} costs ${money(rush.premium)} more in overtime and subcontracting`,
      noteZh: `${onPromise.zh}；如需满足 ${requested}，加班及委外需额外花费 ${money(rush.premium)}`,
    };
  const full = await bottlenecks(pm, qo, R, model.at, solve);
  return {
    promiseDate, rushPremium: null, status: 'cannotMeet',
    note: `${onPromise.en}; cannot meet ${requested} without delaying firm orders, even with all overtime and subcontracting: ${full.en}`,
    noteZh: `${onPromise.zh}；即使用足加班和委外，也无法在不推迟已确认订单的情况下满足 ${requested}：${full.zh}`,
  };
}

/** Why the quote cannot finish by bucket R whatever the capacity: release or material lead times. */
function leadReason(pm: PlanModel, qo: PlannedOrder, R: number): { en: string; zh: string } {
  const b: Buckets = pm.buckets;
  const late = nodesOf(qo.root).flatMap((n) => n.buyChildren).map((bc) => pm.materials.get(key(bc.item.ItemId))?.supply).filter((s) => s !== undefined && s.firstAvailable > R);
  if (late.length)
    return {
      en: late.map((s) => `${s!.item.ItemId} arrives from ${bucketStart(b, s!.firstAvailable)}, lead time ${s!.leadDays} days`).join('; '),
      zh: late.map((s) => `${s!.item.ItemId} 最早 ${bucketStart(b, s!.firstAvailable)} 到货，采购提前期 ${s!.leadDays} 天`).join('；'),
    };
  return { en: 'operations, subcontract lead times and work-center calendars', zh: '工序、委外周期及工作日历所限' };
}

/** What holds the quote back when as much of it as possible is made by R: full work centers, used-up materials. */
async function bottlenecks(pm: PlanModel, qo: PlannedOrder, R: number, at: (F: number) => LpModel, solve: SolveLp): Promise<{ en: string; zh: string }> {
  const m = at(R);
  const cost = Float64Array.from(m.colCost);
  const upper = Float64Array.from(m.colUpper);
  upper[qo.short] = qo.order.Quantity;
  cost[qo.short] = 1e6; // make as much of the quote by R as the rows allow
  const s = await solve({ ...m, colCost: cost, colUpper: upper });
  if (s.status !== 'optimal') return { en: `the model answered ${s.status}`, zh: `模型求解状态 ${s.status}` };
  const wcs = new Set(qo.ops.map((v) => v.op.wc));
  const full: string[] = [];
  for (const wc of wcs) {
    const c = pm.capacity.get(wc)!;
    const row = pm.capRows.get(wc)!;
    const ot = pm.otCols.get(wc)!;
    for (let t = 0; t <= R; t++) {
      if (row[t] < 0) continue;
      let load = 0;
      for (let k = m.rowStart[row[t]]; k < m.rowStart[row[t] + 1]; k++) if (pm.colOrder[m.rowIndex[k]] >= 0) load += m.rowValue[k] * s.values[m.rowIndex[k]];
      const avail = c.hours[t] + (ot[t] >= 0 ? c.overtimeMax[t] : 0);
      if (avail > 0 && load >= avail * (1 - 1e-6) - 1e-6) {
        full.push(`${c.wc.WorkCenterId} (full with all its overtime from ${bucketStart(pm.buckets, t)})`);
        break;
      }
    }
  }
  // Materials: a new purchase cannot arrive by R, and stock and open POs run out (to the quote or
  // to firm orders due later) before a new purchase could arrive.
  for (const bc of nodesOf(qo.root).flatMap((n) => n.buyChildren)) {
    const mv = pm.materials.get(key(bc.item.ItemId));
    if (!mv || mv.supply.leadBucket <= R || full.some((f) => f.startsWith(`${bc.item.ItemId} `))) continue;
    for (let t = 0; t < Math.min(mv.supply.leadBucket, pm.buckets.count); t++)
      if (mv.inv[t] >= 0 && s.values[mv.inv[t]] <= 1e-6) {
        const arrives = mv.supply.leadBucket < pm.buckets.count ? bucketStart(pm.buckets, mv.supply.leadBucket) : 'after the horizon';
        full.push(`${bc.item.ItemId} (stock and open POs are all spoken for by ${bucketStart(pm.buckets, t)}; a new purchase arrives from ${arrives}, lead time ${mv.supply.leadDays} days)`);
        break;
      }
  }
  const made = qo.order.Quantity - s.values[qo.short];
  const where = full.length ? full.join('; ') : 'no single work center or material (the operations in sequence need more buckets)';
  const whereZh = full.length ? full.join('；') : '无单一瓶颈（工序先后相接需要更多时段）';
  return {
    en: `only ${made.toFixed(2)} of ${qo.order.Quantity} can be finished by ${bucketEnd(pm.buckets, R)}; limited by ${where}`,
    zh: `到 ${bucketEnd(pm.buckets, R)} 只能完成 ${qo.order.Quantity} 件中的 ${made.toFixed(2)} 件；受限于 ${whereZh}`,
  };
}
