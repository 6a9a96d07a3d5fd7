// What-if requests to the planning engine, in planners' terms: "plan the firm orders", "keep every
// firm order by its deadline and price only overtime and subcontracting", "and make this extra
// order by bucket F". Each is a request to one planning session (session.ts), solved from the
// previous basis; this file turns them into the model's costs and bounds and reads the answers
// back (finish bucket, units short, overtime + subcontract premium, what was full). Nothing
// outside plan/ needs the model's column or row numbers.
import { solverTol, type Clock } from '../lp/model';
import type { Order, Plant } from '../domain';
import type { LpStatus, SolverBackend } from '../lp/model';
import { bucketStart } from './buckets';
import { buildPlanModel, type OpVars, type PlanModel, type PlannedOrder } from './build-model';
import { key } from './capacity';
import { purchaseCost, WIP_PER_UNIT_BUCKET } from './costs';
import { nodesOf, type PlanOp } from './network';
import { openSession, planRequestOf, type PlanRequest, type PlanSession } from './session';
import type { Day } from '../dates';

/** A firm order's limits in a what-if: it finishes by `deadline` (bucket) with at most `maxShort` units short. */
export interface FirmLimit {
  deadline: number;
  maxShort: number;
}

export interface RushRequest {
  limits: Map<PlannedOrder, FirmLimit>;
  /** the what-if order to make (others stay out), with every unit finished by bucket `by` */
  order?: PlannedOrder;
  by?: number;
  /** finish the order as early as costs nothing extra (a small cost per unit and bucket of its finish) */
  finishEarly?: boolean;
  /** operations whose subcontracting the order's price already includes: not a premium */
  subcontractIncluded?: (op: PlanOp) => boolean;
  /** overtime and subcontracting cost this many times their rate (with finishEarly: earliness is not bought with them) */
  premiumWeight?: number;
}

export interface RushAnswer {
  status: LpStatus;
  message?: string;
  /** overtime + subcontract cost of the whole plan (subcontracting already priced excluded) */
  premium: number;
  /** units of the what-if order not finished by `by` */
  short: number;
  /** the bucket its last unit finishes in (−1: none) */
  finish: number;
  values: Float64Array;
}

/** The part of every rush request with the same limits and premium weight (WhatIfEngine.rush). */
interface RushTemplate extends PlanRequest {
  cols: Int32Array;
  rates: Float64Array;
  ownAt: Map<PlannedOrder, number>;
}

/** Cost per unit of a what-if order not made by its bucket: far above any overtime or subcontracting. */
const UNMADE = 1e6;

/** Columns that finish units of an operation, with the bucket the units are done in. */
function completions(v: OpVars): [col: number, bucket: number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < v.x.length; t++) {
    if (v.x[t] >= 0) out.push([v.x[t], t]);
    if (v.y[t] >= 0) out.push([v.y[t], v.arrival[t]]);
  }
  return out;
}

export interface WhatIfEngine {
  pm: PlanModel;
  /** the planned what-if order of an Order passed to openWhatIf */
  plannedOf(order: Order): PlannedOrder | undefined;
  /** the firm orders planned as the plan job plans them (what-ifs left out) */
  planFirm(timeLimitSeconds: number): Promise<{ status: LpStatus; message?: string; values: Float64Array }>;
  /** each firm order's deadline (the later of its due bucket and its finish there) and units short */
  firmLimits(values: Float64Array): Map<PlannedOrder, FirmLimit>;
  rush(req: RushRequest, timeLimitSeconds: number): Promise<RushAnswer>;
  /** a mark of the last answer: `back()` makes the next request start from it, not from the answer before */
  mark(): { back(): void };
  /** what held a what-if order back in a rush answer: full work centers, spoken-for materials */
  bottlenecks(o: PlannedOrder, by: number, values: Float64Array): Bottlenecks;
  dispose(): void;
}

export interface Bottlenecks {
  made: number;
  workCenters: { id: string; from: Day }[];
  materials: { id: string; from: Day; arrives: Day | null; leadDays: number }[];
}

/** One plan model with the firm orders and the what-if orders, in one solver session. */
export async function openWhatIf(plant: Plant, whatIf: Order[], backend: (pm: PlanModel) => SolverBackend, clock: Clock): Promise<WhatIfEngine> {
  const pm = buildPlanModel(plant, { whatIf });
  const session: PlanSession = await openSession(pm, backend(pm), clock);
  const lp = pm.lp;
  const base = planRequestOf(pm);
  const hypothetical = pm.orders.filter((o) => o.hypothetical && o.doneRow >= 0);
  const byOrder = new Map(pm.orders.map((o) => [o.order, o]));
  const finishOf = (o: PlannedOrder, values: Float64Array) => {
    if (!o.last) return -1;
    const tol = solverTol(o.order.Quantity);
    let finish = -1;
    for (const [c, t] of completions(o.last)) if (values[c] > tol) finish = Math.max(finish, t);
    return finish;
  };
  /** The request with every what-if order left out. */
  const withoutWhatIfs = (): PlanRequest => {
    const r: PlanRequest = { cost: base.cost.slice(), upper: base.upper.slice(), rowLower: base.rowLower.slice(), rowUpper: base.rowUpper.slice() };
    for (const o of hypothetical) r.rowLower[o.doneRow] = r.rowUpper[o.doneRow] = 0;
    return r;
  };

  /**
   * What every rush request with these limits and weight shares, made once: the costs and bounds
   * with the what-ifs left out, only overtime and subcontracting costing (stock, purchases and
   * waiting keep their tiny tie-breaking costs so nothing is bought or parked for nothing), each
   * firm order within its limits; and the premium's columns and rates, in order (ownAt: where a
   * what-if order's own subcontracting comes among them).
   */
  const templates = new Map<Map<PlannedOrder, FirmLimit>, Map<number, RushTemplate>>();
  const templateOf = (limits: Map<PlannedOrder, FirmLimit>, weight = 0): RushTemplate => {
    const byWeight = templates.get(limits) ?? templates.set(limits, new Map()).get(limits)!;
    const known = byWeight.get(weight);
    if (known) return known;
    const r = withoutWhatIfs();
    const premium: { col: number; rate: number }[] = [];
    const ownAt = new Map<PlannedOrder, number>();
    for (let j = 0; j < r.cost.length; j++) if (pm.colOrder[j] >= 0) r.cost[j] = 0;
    for (const w of pm.wipCols) r.cost[w] = lp.colCost[w];
    for (const [wc, cols] of pm.otCols) {
      const rate = pm.capacity.get(wc)!.wc.OvertimeRate;
      for (const c of cols) if (c >= 0) premium.push({ col: c, rate });
    }
    for (const o of pm.orders) {
      if (o.hypothetical) {
        ownAt.set(o, premium.length);
        continue;
      }
      for (const v of o.ops) {
        const rate = v.op.op.SubcontractCostPerUnit ?? 0;
        for (const c of v.y) if (c >= 0) (r.cost[c] = rate), premium.push({ col: c, rate });
      }
      const lim = limits.get(o);
      if (!lim || !o.last) continue;
      r.upper[o.short] = lim.maxShort;
      for (const [c, t] of completions(o.last)) if (t > lim.deadline) r.upper[c] = 0;
    }
    if (weight) for (const p of premium) r.cost[p.col] *= weight;
    const t: RushTemplate = { ...r, cols: Int32Array.from(premium, (p) => p.col), rates: Float64Array.from(premium, (p) => p.rate), ownAt };
    byWeight.set(weight, t);
    return t;
  };

  return {
    pm,
    plannedOf: (order) => byOrder.get(order),
    async planFirm(limit) {
      return session.solve(withoutWhatIfs(), limit);
    },
    firmLimits(values) {
      const out = new Map<PlannedOrder, FirmLimit>();
      for (const o of pm.orders) {
        if (o.hypothetical || o.blocked || !o.last || o.doneRow < 0) continue;
        const tol = solverTol(o.order.Quantity);
        const deadline = Math.max(finishOf(o, values), o.dueBucket);
        // Solver noise (≤ tol) after the deadline may stay short; no slack beyond that, or the
        // re-plan could shave firm orders to make room for the what-if.
        let maxShort = values[o.short] > tol ? values[o.short] : 0;
        for (const [c, t] of completions(o.last)) if (t > deadline) maxShort += Math.max(0, values[c]);
        out.set(o, { deadline, maxShort });
      }
      return out;
    },
    async rush(req, limit) {
      const t = templateOf(req.limits, req.premiumWeight);
      const r: PlanRequest = { cost: t.cost.slice(), upper: t.upper.slice(), rowLower: t.rowLower.slice(), rowUpper: t.rowUpper.slice() };
      // The what-if order's own subcontracting: a premium unless its price already includes it.
      const own: { col: number; rate: number }[] = [];
      if (req.order?.hypothetical)
        for (const v of req.order.ops) {
          const included = req.subcontractIncluded?.(v.op);
          const rate = v.op.op.SubcontractCostPerUnit ?? 0;
          for (const c of v.y) if (c >= 0) (r.cost[c] = included ? 0 : rate), included || own.push({ col: c, rate });
        }
      if (req.premiumWeight) for (const p of own) r.cost[p.col] *= req.premiumWeight;
      // The premium's terms in the order they always had (the order's own at its place among the orders).
      const at = req.order?.hypothetical ? (t.ownAt.get(req.order) ?? t.cols.length) : t.cols.length;
      const premiumOf = (values: Float64Array) => {
        let a = 0;
        for (let k = 0; k < at; k++) a += t.rates[k] * Math.max(0, values[t.cols[k]]);
        for (const p of own) a += p.rate * Math.max(0, values[p.col]);
        for (let k = at; k < t.cols.length; k++) a += t.rates[k] * Math.max(0, values[t.cols[k]]);
        return a;
      };
      const o = req.order;
      // Earliness must outweigh the tie-breakers that favour late work (purchases just in time,
      // no waiting), or the "earliest free finish" comes out late; far below any overtime rate.
      let early = 0.05;
      if (o && req.finishEarly) {
        let lean = WIP_PER_UNIT_BUCKET * o.ops.length;
        for (const n of nodesOf(o.root)) for (const bc of n.buyChildren) lean += n.perOrderUnit * bc.ratio * purchaseCost(pm.materials.get(key(bc.item.ItemId))?.supply.unitPrice ?? 0, 0, pm.buckets.count);
        early = Math.max(early, 2 * lean);
      }
      if (o && o.last && o.doneRow >= 0) {
        r.rowLower[o.doneRow] = base.rowLower[o.doneRow];
        r.rowUpper[o.doneRow] = base.rowUpper[o.doneRow];
        r.cost[o.short] = UNMADE;
        for (const [c, t] of completions(o.last)) {
          if (req.by !== undefined && t > req.by) r.upper[c] = 0;
          else if (req.finishEarly) r.cost[c] += early * t;
        }
      }
      const s = await session.solve(r, limit);
      const ok = s.status === 'optimal';
      return {
        status: s.status,
        message: s.message,
        premium: ok ? premiumOf(s.values) : Infinity,
        short: o && o.short >= 0 && ok ? Math.max(0, s.values[o.short]) : 0,
        finish: o && ok ? finishOf(o, s.values) : -1,
        values: s.values,
      };
    },
    bottlenecks(o, by, values) {
      const out: Bottlenecks = { made: Math.max(0, lp.rowUpper[o.doneRow] - Math.max(0, values[o.short])) + o.fromStock, workCenters: [], materials: [] };
      for (const wc of new Set(o.ops.map((v) => v.op.wc))) {
        const c = pm.capacity.get(wc);
        if (!c) continue; // a Buy item's ship step
        const rows = pm.capRows.get(wc)!;
        const ot = pm.otCols.get(wc)!;
        for (let t = 0; t <= by; t++) {
          if (rows[t] < 0) continue;
          let load = 0;
          for (let k = lp.rowStart[rows[t]]; k < lp.rowStart[rows[t] + 1]; k++) if (pm.colOrder[lp.rowIndex[k]] >= 0) load += lp.rowValue[k] * values[lp.rowIndex[k]];
          const avail = c.hours[t] + (ot[t] >= 0 ? c.overtimeMax[t] : 0);
          if (avail > 0 && load >= avail * (1 - 1e-6) - 1e-6) {
            out.workCenters.push({ id: c.wc.WorkCenterId, from: bucketStart(pm.buckets, t) });
            break;
          }
        }
      }
      // Materials a new purchase cannot bring by `by`, whose stock and open POs run out first.
      const seen = new Set<string>();
      for (const bc of nodesOf(o.root).flatMap((n) => n.buyChildren)) {
        const m = key(bc.item.ItemId);
        const mv = pm.materials.get(m);
        if (!mv || seen.has(m) || mv.supply.leadBucket <= by) continue;
        seen.add(m);
        for (let t = 0; t < Math.min(mv.supply.leadBucket, pm.buckets.count); t++)
          if (mv.inv[t] >= 0 && values[mv.inv[t]] <= 1e-6) {
            out.materials.push({
              id: bc.item.ItemId,
              from: bucketStart(pm.buckets, t),
              arrives: mv.supply.leadBucket < pm.buckets.count ? bucketStart(pm.buckets, mv.supply.leadBucket) : null,
              leadDays: mv.supply.leadDays,
            });
            break;
          }
      }
      return out;
    },
    mark() {
      const c = session.checkpoint();
      return { back: () => c && session.restore(c) };
    },
    dispose: () => session.dispose(),
  };
}
