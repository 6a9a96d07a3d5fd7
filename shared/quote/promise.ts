// The delivery promise of a quote line, asked of the planning engine (shared/plan/what-if.ts):
// every quote line is one what-if order in one plan model, switched on one at a time, and nothing
// is reserved (an inquiry, not a booking). All requests go to one solver session, each solved
// from the previous one's basis; each line's search starts from the firm orders' answer of step 2
// (engine.mark / back), not from the line before, so every line costs about the same.
//
// 1. The firm orders (Approved / InProduction) are planned as the plan job plans them. Each gets a
//    deadline, the later of its due bucket and its finish bucket there, and may not have more
//    units short than it has there: "delays no firm order".
// 2. C0 = the least overtime + subcontract cost of the firm orders alone within their deadlines.
// 3. For a finish bucket F, cost(F) = the least overtime + subcontract cost with every unit of the
//    quote line finished by F as well. The promise is the earliest F with cost(F) ≤ C0, i.e. on
//    spare regular capacity. Every request prices overtime and subcontracting PREMIUM_WEIGHT
//    times over (the premiums reported are at their plain rates), so the tiny tie-breakers never
//    trade against them and consecutive requests differ only in the line's own costs and bounds.
//    Subcontracting the cost roll-up already prices (an operation whose work center has no
//    hours of its own) is part of the quote's cost, not extra. The search
//    asks first for the plan that finishes the line as early as costs nothing extra (a tiny cost
//    per unit and bucket of its finish, with overtime and subcontracting priced PREMIUM_WEIGHT
//    times over so that earliness is never bought with them), then checks the bucket before
//    that: two solves for most lines, bisection only when the first answer is not the earliest.
// 4. If RequestedDate falls in an earlier bucket R: rushPremium = cost(R) − C0, the extra overtime
//    and subcontracting that meeting it takes; if no plan meets R, why: before PlanStart, a
//    material lead time or release, or work centers full even with all their overtime.
//
// The promise date is the day the quote line's last operation ends when the solution that
// finishes it in bucket F is dispatched day by day bucket by bucket as that solution allocated it
// (the plan order of shared/schedule/schedule.ts, finishInPlanOrder: working hours, calendars,
// whole pieces, within a bucket the quote after the firm orders as lowest priority), placing only
// the lots up to the line's last. This is the date the plan job's schedule of that solution gives
// whenever it keeps its plan order (the sample and bench plants do); the dispatcher's priority
// order is not tried, which would take a whole schedule per line. The request is met
// (meetsRequest, no premium) only when that day is on or before RequestedDate; when the weekly
// plan fits the line in the requested day's bucket but the schedule ends it after that day, the request is not claimed (cannotMeet, premium unknown: the
// what-ifs price buckets, not days). The note always states the date the column shows.
import type { Clock } from '../lp/model';
import type { Day } from '../dates';
import type { Order, Plant } from '../domain';
import type { SolverBackend } from '../lp/model';
import { bucketEnd, bucketIndex, bucketStart } from '../plan/buckets';
import type { PlanModel, PlannedOrder } from '../plan/build-model';
import { key } from '../plan/capacity';
import { nodesOf, type PlanOp } from '../plan/network';
import { openWhatIf, type RushAnswer, type WhatIfEngine } from '../plan/what-if';
import { bucketWord, usableFrom } from '../plan/words';
import type { CostedQuote } from './quote';
import { ownCapacity } from './rollup';
import { days } from '../plural';
import { finishInPlanOrder } from '../schedule/schedule';
import { discreteUoms, isDiscrete } from '../schedule/round';

/** The solver for the promise's plan model (the quote job picks by size and --solver). */
export type PickBackend = (pm: PlanModel) => SolverBackend;

export interface DeliveryPromise {
  /** the scheduled finish day (last operation's end) of the earliest plan that delays no firm order; null when it cannot be given */
  promiseDate: Day | null;
  /** extra overtime + subcontract cost of meeting RequestedDate; 0 when the promise meets it; null when unknown or impossible */
  rushPremium: number | null;
  /** promised (no date requested), meetsRequest, rushable (at rushPremium), cannotMeet (the request), noPromise */
  status: 'promised' | 'meetsRequest' | 'rushable' | 'cannotMeet' | 'noPromise';
  note: string;
  noteZh: string;
}

/** Seconds any one solve of the search may take. */
const SOLVE_LIMIT = 60;
/**
 * How many times over the first search solve prices overtime and subcontracting. At their plain
 * rates it bought earliness with a little overtime on 9 of the 15 bench lines that have a free
 * plan (not free: a bisection over the horizon, 5–7 solves instead of 2); 100 × keeps them far above
 * the earliness weight (at most a few per unit and bucket) and far below the cost of a unit left
 * unmade (1e6): the first answer is free whenever a free plan exists (unless overtime is all
 * but free, when the bisection still finds the bucket).
 */
const PREMIUM_WEIGHT = 100;
const money = (x: number) => x.toFixed(2);
const units = (x: number) => (Math.abs(x - Math.round(x)) < 1e-6 ? String(Math.round(x)) : x.toFixed(2));
/** Units of the quoted item that can be finished: whole ones when it is counted in pieces (64.87 pumps: 64 can ship). */
function finishable(plant: Plant, item: string, x: number): string {
  const uom = plant.Items.find((i) => key(i.ItemId) === key(item))?.Uom;
  return isDiscrete(uom, discreteUoms(plant.settings)) ? String(Math.max(0, Math.floor(x + 1e-6))) : units(x);
}

const noPromise = (note: string, noteZh: string): DeliveryPromise => ({ promiseDate: null, rushPremium: null, status: 'noPromise', note, noteZh });

export async function promiseDeliveries(plant: Plant, quotes: CostedQuote[], backend: PickBackend, clock: Clock): Promise<DeliveryPromise[]> {
  if (!quotes.length) return [];
  const start = plant.settings.PlanStart;
  if (start === undefined)
    return quotes.map(() => noPromise('the delivery promise needs Settings PlanStart (the first day of the plan); with no Orders the plant is taken as empty and only capacity counts', '承诺交期需要设置中的计划开始日期（PlanStart）；没有订单时按空闲工厂、仅按产能计算'));

  // One hypothetical lowest-priority order per quote line, released at PlanStart.
  const orders: Order[] = quotes.map((q, i) => ({
    row: q.quote.row, OrderId: `QUOTE-${q.quoteId}-${i + 1}`, Customer: q.customer ?? q.quoteId, Item: q.item, Quantity: q.quantity,
    DueDate: start, ReleaseDate: start, Priority: 5, Status: 'Approved', Notes: 'hypothetical order for a delivery promise', QuoteId: q.quoteId, PartialOk: false,
  }));
  const engine = await openWhatIf(plant, orders, backend, clock);
  try {
    const current = await engine.planFirm(SOLVE_LIMIT);
    if (current.status !== 'optimal')
      return quotes.map(() => noPromise(`the current plan could not be solved (${current.status}${current.message ? `: ${current.message}` : ''}), so no promise can be given`, `当前计划无法求解（${current.status}），无法给出承诺交期`));
    const limits = engine.firmLimits(current.values);
    const base = await engine.rush({ limits, premiumWeight: PREMIUM_WEIGHT }, SOLVE_LIMIT);
    if (base.status !== 'optimal') return quotes.map(() => noPromise(`the firm orders could not be re-planned (${base.status})`, `无法重新排产已确认订单（${base.status}）`));
    const firmOnly = engine.mark();
    const out: DeliveryPromise[] = [];
    for (const [i, q] of quotes.entries()) {
      firmOnly.back();
      out.push(await promiseOne(plant, engine, q, orders[i], limits, base.premium));
    }
    return out;
  } finally {
    engine.dispose();
  }
}

async function promiseOne(plant: Plant, engine: WhatIfEngine, q: CostedQuote, order: Order, limits: Parameters<WhatIfEngine['rush']>[0]['limits'], c0: number): Promise<DeliveryPromise> {
  const pm = engine.pm;
  const b = pm.buckets;
  const T = b.count;
  const word = bucketWord(b);
  const qo = engine.plannedOf(order);
  const requested = q.quote.RequestedDate;
  const R = requested === undefined ? undefined : bucketIndex(b, requested);
  const horizonEnd = bucketEnd(b, T - 1);
  const fromStock = qo !== undefined && !qo.blocked && qo.doneRow < 0 && qo.fromStock > 0;
  if (!qo || qo.blocked || (!qo.last && !fromStock)) {
    const why = qo?.blocked ?? { en: 'nothing to plan', zh: '无可排产内容' };
    return { promiseDate: null, rushPremium: null, status: 'cannotMeet', note: `no promise within the plan horizon (to ${horizonEnd}): ${why.en}`, noteZh: `计划期内（至 ${horizonEnd}）无法承诺：${why.zh}` };
  }
  // Subcontracting the roll-up already costs: operations whose work center has no hours of its own.
  const included = (op: PlanOp) => {
    const wc = pm.capacity.get(op.wc)?.wc;
    return op.subcontract && wc !== undefined && ownCapacity(wc) === 0;
  };
  const eps = 1e-6 * Math.max(1, c0) + 0.005;
  const tol = 1e-6 * Math.max(1, q.quantity);
  const cache = new Map<number, RushAnswer>();
  // An optimal answer by F that finishes the line in f ≤ F is also optimal by any F' in [f, F]:
  // the same costs, fewer plans, and it is one of them. So it answers those buckets too.
  const at = async (F: number) => {
    if (!cache.has(F)) {
      const a = await engine.rush({ limits, order: qo, by: F, subcontractIncluded: included, premiumWeight: PREMIUM_WEIGHT }, SOLVE_LIMIT);
      cache.set(F, a);
      if (a.status === 'optimal') for (let f = Math.max(0, a.finish); f < F; f++) if (!cache.has(f)) cache.set(f, a);
    }
    return cache.get(F)!;
  };
  const isFree = (a: RushAnswer) => a.status === 'optimal' && a.short <= tol && a.premium - c0 <= eps;

  // The promise bucket P: the earliest finish on spare capacity.
  let P: number | undefined;
  let chosen: RushAnswer | undefined;
  if (fromStock) P = 0;
  else {
    const lo = Math.max(0, qo.earliestFinish);
    const first = await engine.rush({ limits, order: qo, by: T - 1, finishEarly: true, subcontractIncluded: included, premiumWeight: PREMIUM_WEIGHT }, SOLVE_LIMIT);
    if (first.status !== 'optimal') return noPromise(`the promise could not be searched (${first.status}${first.message ? `: ${first.message}` : ''})`, `无法计算承诺交期（${first.status}）`);
    // A free first answer bounds the promise by its finish; else the least-premium plan by the
    // horizon's end does, if free: the bucket it finishes the line in is free too (the same plan,
    // and no plan by then costs less), so it is that bucket's answer as well.
    let free0 = isFree(first) ? first.finish : undefined;
    if (free0 === undefined) {
      const last = await at(T - 1);
      if (isFree(last)) cache.set((free0 = Math.max(lo, last.finish)), last);
    }
    if (free0 !== undefined) {
      // free0 is free; is the bucket before it too? Then bisect below it.
      let hi: number = free0;
      let low = lo;
      if (hi > low && isFree(await at(hi - 1))) {
        hi -= 1;
        while (low < hi) {
          const mid: number = (low + hi) >> 1;
          if (isFree(await at(mid))) hi = mid;
          else low = mid + 1;
        }
      }
      P = hi;
      // The solution that finishes the line in P: the cached answer for P, or the first one.
      chosen = cache.get(P) ?? (first.finish === P && isFree(first) ? first : await at(P));
    }
  }
  // The day its last operation ends when that solution is dispatched in the plan's order (see the
  // header). A bought item has no operation, only its shipping as stock and purchases arrive: the
  // last of those days. The bucket's end only if the line has no lot.
  let scheduled: Day | undefined;
  if (P !== undefined && !fromStock && chosen) {
    scheduled = finishInPlanOrder(plant, pm, chosen.values, qo) ?? bucketEnd(b, P);
  }

  // The date the column shows, and the same date in the note.
  const promiseDate = P === undefined ? null : fromStock ? b.start : scheduled!;
  const onPromise =
    P === undefined
      ? { en: `no date within the horizon (to ${horizonEnd}) on spare capacity alone`, zh: `仅靠空闲产能在计划期内（至 ${horizonEnd}）无法完工` }
      : fromStock
        ? { en: `promise ${promiseDate} (from stock, no firm order delayed)`, zh: `承诺交期 ${promiseDate}（由库存发货，不推迟任何已确认订单）` }
        : {
            en: `promise ${promiseDate} (the day its last operation ends in the day-by-day schedule; planned in the ${word.en} ${bucketStart(b, P)} – ${bucketEnd(b, P)} on spare capacity, no firm order delayed)`,
            zh: `承诺交期 ${promiseDate}（逐日排程中最后一道工序完成之日；计划利用空闲产能于 ${bucketStart(b, P)} – ${bucketEnd(b, P)} ${word.zh}完工，不推迟任何已确认订单）`,
          };

  if (R === undefined) return { promiseDate, rushPremium: null, status: P === undefined ? 'noPromise' : 'promised', note: onPromise.en, noteZh: onPromise.zh };
  if (promiseDate !== null && promiseDate <= requested!)
    return { promiseDate, rushPremium: 0, status: 'meetsRequest', note: `${onPromise.en}; meets the requested ${requested}`, noteZh: `${onPromise.zh}；满足要求交期 ${requested}` };
  // The weekly plan fits the line in the requested day's bucket, but the schedule ends it later:
  // not claimed as met, and no premium given (the what-ifs price buckets, not days).
  if (P !== undefined && R >= P)
    return {
      promiseDate, rushPremium: null, status: 'cannotMeet',
      note: `${onPromise.en}; the plan fits it in the ${word.en} of the requested ${requested}, but the day-by-day schedule finishes it after that day`,
      noteZh: `${onPromise.zh}；计划可在要求交期 ${requested} 所在${word.zh}内完成，但逐日排程的完工日晚于该日`,
    };
  if (R < 0)
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; the requested ${requested} is before PlanStart ${b.start}`, noteZh: `${onPromise.zh}；要求交期 ${requested} 早于计划开始日期 ${b.start}` };
  if (R >= T)
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; the requested ${requested} is after the plan horizon`, noteZh: `${onPromise.zh}；要求交期 ${requested} 在计划期之后` };
  if (R < qo.earliestFinish) {
    const why = leadReason(pm, qo, R);
    return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; cannot meet ${requested}: the earliest possible finish is ${bucketEnd(b, qo.earliestFinish)} (${why.en})`, noteZh: `${onPromise.zh}；无法满足 ${requested}：最早可能完工 ${bucketEnd(b, qo.earliestFinish)}（${why.zh}）` };
  }
  const rush = await at(R);
  if (rush.status === 'optimal' && rush.short <= tol) {
    const premium = Math.max(0, rush.premium - c0);
    return {
      promiseDate, rushPremium: premium, status: 'rushable',
      note: `${onPromise.en}; meeting ${requested} costs ${money(premium)} more in overtime and subcontracting`,
      noteZh: `${onPromise.zh}；如需满足 ${requested}，加班及委外需额外花费 ${money(premium)}`,
    };
  }
  if (rush.status !== 'optimal') return { promiseDate, rushPremium: null, status: 'cannotMeet', note: `${onPromise.en}; the model answered ${rush.status}`, noteZh: `${onPromise.zh}；模型求解状态 ${rush.status}` };
  const bn = engine.bottlenecks(qo, R, rush.values);
  const en = [
    ...bn.workCenters.map((w) => `${w.id} (full with all its overtime from ${w.from})`),
    ...bn.materials.map((m) => `${m.id} (stock and open POs are all spoken for by ${m.from}; a new purchase arrives from ${m.arrives ?? 'after the horizon'}, lead time ${m.leadDays} days)`),
  ];
  const zh = [
    ...bn.workCenters.map((w) => `${w.id}（自 ${w.from} 起即使用足加班也已满负荷）`),
    ...bn.materials.map((m) => `${m.id}（库存及在途采购到 ${m.from} 已全部分配；新采购最早 ${m.arrives ?? '计划期之后'} 到货，采购提前期 ${m.leadDays} 天）`),
  ];
  const by = bucketEnd(b, R);
  const limited = {
    en: `only ${finishable(plant, q.item, bn.made)} of ${q.quantity} can be finished by ${by}; limited by ${en.length ? en.join('; ') : `no single work center or material (the operations in sequence need more ${word.en}s)`}`,
    zh: `到 ${by} 只能完成 ${q.quantity} 件中的 ${finishable(plant, q.item, bn.made)} 件；受限于 ${zh.length ? zh.join('；') : `无单一瓶颈（工序先后相接需要更多${word.zh}）`}`,
  };
  return {
    promiseDate, rushPremium: null, status: 'cannotMeet',
    note: `${onPromise.en}; cannot meet ${requested} without delaying firm orders, even with all overtime and subcontracting: ${limited.en}`,
    noteZh: `${onPromise.zh}；即使用足加班和委外，也无法在不推迟已确认订单的情况下满足 ${requested}：${limited.zh}`,
  };
}

/** Why the quote cannot finish by bucket R whatever the capacity: material lead times, else the route itself. */
function leadReason(pm: PlanModel, qo: PlannedOrder, R: number): { en: string; zh: string } {
  const b = pm.buckets;
  const late = nodesOf(qo.root).flatMap((n) => n.buyChildren).map((bc) => pm.materials.get(key(bc.item.ItemId))?.supply).filter((s) => s !== undefined && s.firstAvailable > R);
  if (late.length)
    return {
      en: late.map((s) => `${s!.item.ItemId} arrives from ${bucketStart(b, s!.firstAvailable)}, lead time ${days(s!.leadDays)}${usableFrom(b, s!.leadDays).en}`).join('; '),
      zh: late.map((s) => `${s!.item.ItemId} 最早 ${bucketStart(b, s!.firstAvailable)} 到货，采购提前期 ${s!.leadDays} 天${usableFrom(b, s!.leadDays).zh}`).join('；'),
    };
  const subcontract = qo.ops.some((v) => v.op.subcontract);
  return subcontract
    ? { en: 'its operations in sequence, subcontract lead times and work-center calendars', zh: '工序先后相接、委外周期及工作日历所限' }
    : { en: 'its operations in sequence and work-center calendars', zh: '工序先后相接及工作日历所限' };
}
