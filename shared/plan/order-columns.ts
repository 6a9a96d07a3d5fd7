// One order's columns in the plan LP (build-model.ts): when each operation can first start and
// finish (forward pass), the last bucket its output is still of use and the x_/y_ columns in
// between (backward pass), and the Buy material its parts draw, with their alternates.
import { startingWip } from '../actuals/remaining';
import type { Item } from '../domain';
import { firstWithAlternates, type Substitution } from './alternates';
import { daysBetweenBuckets } from './buckets';
import { key } from './capacity';
import { ALTERNATE_CENTER_COST } from './alternate-centers';
import { finishCost, MIN_OVERTIME_COST, purchaseCost, shortCost } from './costs';
import type { Blocked, OpVars, PlannedOrder } from './build-model';
import { filled, tidy, type BucketEntries, type ModelContext } from './model-context';
import type { PartNode, PlanOp } from './network';
import { days } from '../plural';

/**
 * Forward pass, children before parents: the first bucket each operation of the order can start
 * and finish with unlimited capacity. Makes each operation's OpVars (no columns yet) into `vars`
 * and returns the order's earliest finish.
 */
export function forwardPass(ctx: ModelContext, o: PlannedOrder, vars: Map<PlanOp, OpVars>, lagOf: (op: PlanOp) => number): number {
  const matFirst = (i: Item) => Math.min(ctx.supplyOf(i).firstAvailable, ctx.ownFirst(o, i));
  return forwardFrom(ctx, o, vars, lagOf, matFirst, o.root);
}

/**
 * forwardPass on one part, components first. A module function, not a closure per order: a
 * closure's optimised code was compiled again on every plan.
 */
function forwardFrom(ctx: ModelContext, o: PlannedOrder, vars: Map<PlanOp, OpVars>, lagOf: (op: PlanOp) => number, matFirst: (i: Item) => number, n: PartNode): number {
  const { T } = ctx;
  let ready = o.releaseBucket;
  for (const bc of n.buyChildren) ready = Math.max(ready, firstWithAlternates(Math.min(ctx.supplyOf(bc.item).firstAvailable, ctx.ownFirst(o, bc.item)), ctx.altsOf(n, bc.item), matFirst));
  for (const c of n.makeChildren) ready = Math.max(ready, forwardFrom(ctx, o, vars, lagOf, matFirst, c.node));
  for (const [k, op] of n.ops.entries()) {
    // Units already waiting in front of an operation can start at release.
    const prev = k > 0 ? vars.get(n.ops[k - 1]) : undefined;
    if (o.remaining && prev && startingWip(o.remaining, prev.op, op, 1).initial > 0) ready = o.releaseBucket;
    else ready += lagOf(op);
    const arrival = ctx.perBucket();
    if (op.subcontract) arrival.set(ctx.arrivals(op.op.SubcontractLeadDays));
    const lead = op.subcontract ? arrival[0] : 0;
    let firstX = Infinity;
    const can = ctx.workableOp(op);
    for (let t = ready; t < T; t++) if (can[t]) { firstX = t; break; }
    const done = Math.min(firstX, op.subcontract && ready < T ? arrival[ready] : Infinity);
    vars.set(op, { op, lead, arrival, earliestStart: ready, earliestDone: done, x: ctx.perBucket(), y: ctx.perBucket(), flowLag: lagOf(op) });
    ready = done;
  }
  return ready;
}

/**
 * Cost of a unit left short (the short_ column). A unit finished in a bucket where lateness alone
 * costs at least that is never better (it would also take capacity and material), so such buckets
 * get no columns. This trims only when Settings give a ShortPenaltyPerUnit below the lateness; the
 * default short cost is above any lateness within the horizon.
 */
export function unmadeCost(ctx: ModelContext, o: PlannedOrder, nodes: PartNode[]): number {
  const { b, T, capacity } = ctx;
  const makeCost = nodes.reduce(
    (s, n) =>
      s +
      n.perOrderUnit *
        (n.ops.reduce((a, op) => a + Math.max(op.subcontract ? op.op.SubcontractCostPerUnit! : 0, op.hoursPerUnit * Math.max(MIN_OVERTIME_COST, capacity.get(op.wc)?.wc.OvertimeRate ?? 0)), 0) +
          n.buyChildren.reduce((a, bc) => a + bc.ratio * purchaseCost(ctx.supplyOf(bc.item).unitPrice, 0, T), 0)),
    0,
  );
  return shortCost(
    { weight: o.weight, makeCostPerUnit: makeCost, daysToAfterHorizon: daysBetweenBuckets(b, o.dueBucket, T + 1) },
    { latePenalty: ctx.latePenalty, shortPenalty: ctx.plant.settings.ShortPenaltyPerUnit, bucketDays: b.days },
  );
}

/**
 * Backward pass, parents before children: the last bucket each operation's output is still of use
 * (`need`), and the x_ (in-house) and y_ (subcontract) columns in between. Fills o.ops, the
 * finished item's last operation first.
 */
export function addWorkColumns(ctx: ModelContext, o: PlannedOrder, vars: Map<PlanOp, OpVars>, lagOf: (op: PlanOp) => number, unmade: number) {
  backwardFrom(ctx, o, vars, lagOf, unmade, tidy(o.order.OrderId), o.root, ctx.T - 1);
}

/** addWorkColumns on one part, then its components (a module function: see forwardFrom). */
function backwardFrom(ctx: ModelContext, o: PlannedOrder, vars: Map<PlanOp, OpVars>, lagOf: (op: PlanOp) => number, unmade: number, oid: string, n: PartNode, need: number) {
  const { b, latePenalty } = ctx;
  for (let k = n.ops.length - 1; k >= 0; k--) {
    const v = vars.get(n.ops[k])!;
    const last = v.op === o.last!.op;
    const xName = `x_${oid}_${v.op.label}`;
    const yName = `y_${oid}_${v.op.label}`;
    let latestStart = -1;
    const can = ctx.workableOp(v.op);
    let loads: BucketEntries | undefined;
    for (let t = v.earliestStart; t <= need; t++) {
      if (!can[t]) continue;
      const cost = last ? finishCost(o.weight, latePenalty, daysBetweenBuckets(b, o.dueBucket, t), t, o.dueBucket) : 0;
      if (cost >= unmade) continue;
      v.x[t] = ctx.addVar(xName, cost, n.qty, o.index, t);
      if (v.op.centers) splitOverCenters(ctx, v, oid, n.qty, t);
      else (loads ??= ctx.loadsOf(v.op.wc)).add(t, v.x[t], v.op.hoursPerUnit);
      latestStart = t;
    }
    if (v.op.subcontract) {
      for (let t = v.earliestStart; t <= need && v.arrival[t] <= need; t++) {
        const back = v.arrival[t];
        const cost = v.op.op.SubcontractCostPerUnit! + (last ? finishCost(o.weight, latePenalty, daysBetweenBuckets(b, o.dueBucket, back), back, o.dueBucket) : 0);
        if (last && cost >= unmade) continue;
        v.y[t] = ctx.addVar(yName, cost, n.qty, o.index, t);
        latestStart = Math.max(latestStart, t);
      }
    }
    need = latestStart - lagOf(v.op);
    o.ops.push(v);
  }
  for (const c of n.makeChildren) backwardFrom(ctx, o, vars, lagOf, unmade, oid, c.node, need);
}

/** xw_ columns of an operation with alternative work centers in bucket t, each loading its own center, and x = Σ xw. */
function splitOverCenters(ctx: ModelContext, v: OpVars, oid: string, qty: number, t: number) {
  v.xw ??= v.op.centers!.map((center) => ({ center, cols: filled(ctx.T) }));
  const cols = [v.x[t]];
  const coef = [1];
  for (const w of v.xw) {
    if (!ctx.canWork(w.center.wc, t)) continue;
    w.cols[t] = ctx.addVar(`xw_${oid}_${v.op.label}_${tidy(w.center.op.WorkCenter)}`, ALTERNATE_CENTER_COST * w.center.rank, qty, v.x[t] >= 0 ? ctx.colOrder[v.x[t]] : -1, t);
    ctx.loadsOf(w.center.wc).add(t, w.cols[t], w.center.hoursPerUnit);
    cols.push(w.cols[t]), coef.push(-1);
  }
  ctx.lp.addRow(`split_${oid}_${v.op.label}`, cols, coef, 0, 0, t);
}

/** Material drawn when a node's first operation starts (in-house or sent out), and its alternates. */
export function addMaterialUses(ctx: ModelContext, o: PlannedOrder, nodes: PartNode[], vars: Map<PlanOp, OpVars>) {
  for (const n of nodes) {
    const first = vars.get(n.ops[0]);
    if (!first) continue;
    for (const bc of n.buyChildren) {
      const m = key(bc.item.ItemId);
      let uses: BucketEntries | undefined;
      for (let t = 0; t < ctx.T; t++) {
        if (first.x[t] < 0 && first.y[t] < 0) continue;
        uses ??= ctx.usesOf(m);
        if (first.x[t] >= 0) uses.add(t, first.x[t], bc.ratio);
        if (first.y[t] >= 0) uses.add(t, first.y[t], bc.ratio);
      }
      addSubstitutions(ctx, o, n, first, bc);
    }
  }
}

/** sub_ columns and the alt_ rows of one Buy component of one part (alternates.ts). */
function addSubstitutions(ctx: ModelContext, o: PlannedOrder, n: PartNode, first: OpVars, bc: { item: Item; ratio: number }) {
  const { T } = ctx;
  const alts = ctx.altsOf(n, bc.item);
  if (alts.length === 0) return;
  const oid = tidy(o.order.OrderId);
  const p = key(bc.item.ItemId);
  const cost = bc.ratio * (ctx.plant.settings.SubstitutionCost + purchaseCost(ctx.supplyOf(bc.item).unitPrice, 0, T));
  const subs = alts.map((alt) => {
    ctx.supplyOf(alt.item);
    const sub: Substitution = { order: o.index, node: n, primary: bc.item, primaryRatio: bc.ratio, alt, cols: filled(T) };
    ctx.substitutions.push(sub);
    return sub;
  });
  for (let t = 0; t < T; t++) {
    if (first.x[t] < 0 && first.y[t] < 0) continue;
    const cols: number[] = [];
    const coef: number[] = [];
    for (const sub of subs) {
      if (!sub.alt.valid[t]) continue;
      sub.cols[t] = ctx.addVar(`sub_${oid}_${tidy(n.item.ItemId)}${n.tag}_${tidy(sub.alt.item.ItemId)}`, cost, n.qty, o.index, t);
      // Gives the primary back, takes the alternate.
      ctx.usesOf(p).add(t, sub.cols[t], -bc.ratio);
      ctx.usesOf(key(sub.alt.item.ItemId)).add(t, sub.cols[t], sub.alt.ratio);
      cols.push(sub.cols[t]), coef.push(1);
    }
    if (cols.length === 0) continue;
    if (first.x[t] >= 0) cols.push(first.x[t]), coef.push(-1);
    if (first.y[t] >= 0) cols.push(first.y[t]), coef.push(-1);
    ctx.lp.addRow(`alt_${oid}_${tidy(n.item.ItemId)}${n.tag}_${tidy(bc.item.ItemId)}`, cols, coef, -Infinity, 0, t);
  }
}

/** Why an order cannot finish within the horizon even with unlimited capacity. */
export function blockedReason(ctx: ModelContext, o: PlannedOrder, nodes: PartNode[]): Blocked {
  for (const n of nodes)
    for (const bc of n.buyChildren) {
      const s = ctx.supplyOf(bc.item);
      if (s.firstAvailable >= ctx.T)
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
